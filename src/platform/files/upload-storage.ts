import type { Request } from 'express';
import { diskStorage, StorageEngine } from 'multer';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where multipart uploads are written: a folder of its own per request under `root`
 * (UPLOAD_TMP_DIR, by default the system's temporary folder), removed with everything in it
 * once the response has closed: after success, after an error, after the client hung up
 * mid-upload. The handler deletes its file and multer a half-written one, but a request that
 * fails between the two (or a future path that forgets) leaves nothing behind either.
 */
export function uploadStorage(root: string): StorageEngine {
  return diskStorage({
    destination: (req: Request, _file, callback) => {
      mkdtemp(join(root, 'torg-upload-')).then(
        (dir) => {
          removeWhenClosed(req, dir);
          callback(null, dir);
        },
        (e: Error) => callback(e, ''),
      );
    },
  });
}

function removeWhenClosed(req: Request, dir: string) {
  // Retries cover a write stream still creating its file while the folder is being removed.
  const remove = () => void rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
  const res = req.res;
  if (!res || res.closed) return remove();
  res.once('close', remove);
}
