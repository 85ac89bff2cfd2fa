import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { outboundFileName } from './outbound-file-name';
import { OutboundDelivery, OutboundTransport } from './outbound-transport';

/**
 * Drops one file per document into a folder an access point picks files up from. The file
 * appears whole or not at all: it is written under a hidden temporary name in the same folder,
 * flushed to disk, then renamed (atomic within one file system), and the folder is flushed so
 * the rename survives a crash. A repeat finds the same content under the same name and leaves it.
 */
export class FolderTransport implements OutboundTransport {
  readonly name = 'folder';

  constructor(private readonly folder: string) {}

  async deliver(doc: OutboundDelivery): Promise<{ reference: string }> {
    const name = outboundFileName(doc.documentType, doc.documentId, doc.outboundId);
    const target = join(this.folder, name);
    const content = Buffer.from(doc.xml, 'utf8');
    if (await sameContent(target, content)) return { reference: name };
    await mkdir(this.folder, { recursive: true });
    const temporary = join(this.folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await open(temporary, 'wx', 0o640);
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (e) {
      await rm(temporary, { force: true });
      throw e;
    }
    await syncFolder(this.folder);
    return { reference: name };
  }
}

async function sameContent(path: string, content: Buffer): Promise<boolean> {
  try {
    return (await readFile(path)).equals(content);
  } catch {
    return false;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } catch {
    // Some file systems (and Windows) cannot flush a folder; the rename is still atomic.
  } finally {
    await dir.close();
  }
}
