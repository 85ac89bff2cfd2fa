/**
 * The catalogue upload (POST /agreements/:id/catalogue, multipart field `file`) through
 * XMLHttpRequest, since fetch reports no upload progress. Its answer becomes one report: the
 * stored version, or every problem with its line, field and reason (nothing stored).
 */
export interface UploadProblem {
  line: number | null;
  location: string;
  field: string | null;
  reason: string;
  value: string | null;
}

export type UploadReport =
  | { kind: 'stored'; versionId: number; versionNo: number; lineCount: number }
  | { kind: 'invalid'; problems: UploadProblem[] }
  /** Refused before reading (busy, too large, malformed, forbidden): what to do is in `message`. */
  | { kind: 'refused'; status: number; message: string; retryAfterSeconds: number | null };

type Body = Record<string, unknown> | null;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function problemsOf(list: unknown): UploadProblem[] {
  if (!Array.isArray(list)) return [];
  return list.map((p: Record<string, unknown>) => ({
    line: typeof p.line === 'number' ? p.line : null,
    location: text(p.location) ?? '',
    field: typeof p.field === 'string' ? p.field : null,
    reason: text(p.reason) ?? text(p.message) ?? '',
    value: text(p.value),
  }));
}

/** The server's answer (status and parsed JSON body, or null when not JSON) as a report. */
export function reportOf(status: number, body: Body): UploadReport {
  if (status === 201 || status === 200) {
    const version = (body?.version ?? {}) as Record<string, unknown>;
    return { kind: 'stored', versionId: Number(version.id), versionNo: Number(version.versionNo), lineCount: Number(body?.lineCount ?? 0) };
  }
  if (status === 422 && Array.isArray(body?.problems)) return { kind: 'invalid', problems: problemsOf(body.problems) };
  const retry = body?.retryAfterSeconds;
  return { kind: 'refused', status, message: typeof body?.message === 'string' ? body.message : '', retryAfterSeconds: typeof retry === 'number' ? retry : null };
}

/** Sends the file; `onProgress` gets the share sent (0 to 1). Rejects only when the network fails. */
export function uploadCatalogue(agreementId: number, file: File, token: string, onProgress: (share: number) => void): Promise<UploadReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/agreements/${agreementId}/catalogue`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Body;
      try {
        body = JSON.parse(xhr.responseText) as Body;
      } catch {
        body = null; // not JSON (a proxy's error page): the status alone says what happened
      }
      onProgress(1);
      resolve(reportOf(xhr.status, body));
    };
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
