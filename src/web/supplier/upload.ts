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

/** Something the upload says of an accepted line without refusing it (a code read at a nearer level…). */
export interface UploadWarning {
  line: number | null;
  location: string;
  field: string | null;
  code: string;
  message: string;
  value: string | null;
}

/** A line without a usable UNSPSC code, with Torg's suggested codes (best first). */
export interface LineSuggestions {
  line: number;
  sellerItemId: string;
  name: string;
  givenCode: string | null;
  reason: string;
  suggestions: { code: string; title: string; confidence: number }[];
}

export type UploadReport =
  | {
      kind: 'stored';
      versionId: number;
      versionNo: number;
      lineCount: number;
      /** The first warnings (the server keeps 1000); `warningCount` counts them all. */
      warnings: UploadWarning[];
      warningCount: number;
      /** The first lines left out (invalidLines=exclude), with their reasons; `excludedCount` counts them all. */
      excluded: UploadProblem[];
      excludedCount: number;
      /** Lines waiting beside the draft for a code (see the version page). */
      awaitingUnspscCount: number;
      suggestions: LineSuggestions[];
    }
  /** The server keeps the first 1000 problems and warnings in full; the counts count them all. */
  | { kind: 'invalid'; problems: UploadProblem[]; problemCount: number; warnings: UploadWarning[]; warningCount: number; suggestions: LineSuggestions[] }
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

function warningsOf(list: unknown): UploadWarning[] {
  if (!Array.isArray(list)) return [];
  return list.map((w: Record<string, unknown>) => ({
    line: typeof w.line === 'number' ? w.line : null,
    location: text(w.location) ?? '',
    field: typeof w.field === 'string' ? w.field : null,
    code: text(w.code) ?? '',
    message: text(w.message) ?? '',
    value: text(w.value),
  }));
}

function suggestionsOf(list: unknown): LineSuggestions[] {
  if (!Array.isArray(list)) return [];
  return list.map((l: Record<string, unknown>) => ({
    line: Number(l.line),
    sellerItemId: text(l.sellerItemId) ?? '',
    name: text(l.name) ?? '',
    givenCode: text(l.givenCode),
    reason: text(l.reason) ?? '',
    suggestions: Array.isArray(l.suggestions)
      ? l.suggestions.map((s: Record<string, unknown>) => ({ code: text(s.code) ?? '', title: text(s.title) ?? '', confidence: typeof s.confidence === 'number' ? s.confidence : 0 }))
      : [],
  }));
}

/** The server's count of something it lists only the first of; never fewer than listed. */
const countOf = (v: unknown, listed: number): number => (typeof v === 'number' && Number.isFinite(v) && v > listed ? v : listed);

/** The server's answer (status and parsed JSON body, or null when not JSON) as a report. */
export function reportOf(status: number, body: Body): UploadReport {
  if (status === 201 || status === 200) {
    const version = (body?.version ?? {}) as Record<string, unknown>;
    const warnings = warningsOf(body?.warnings);
    const excluded = problemsOf(body?.excluded);
    return {
      kind: 'stored',
      versionId: Number(version.id),
      versionNo: Number(version.versionNo),
      lineCount: Number(body?.lineCount ?? 0),
      warnings,
      warningCount: countOf(body?.warningCount, warnings.length),
      excluded,
      excludedCount: countOf(body?.excludedLineCount, excluded.length),
      awaitingUnspscCount: Number(body?.awaitingUnspscCount ?? 0),
      suggestions: suggestionsOf(body?.unspscSuggestions),
    };
  }
  if (status === 422 && Array.isArray(body?.problems)) {
    const problems = problemsOf(body.problems);
    const warnings = warningsOf(body.warnings);
    return {
      kind: 'invalid',
      problems,
      problemCount: countOf(body.problemCount, problems.length),
      warnings,
      warningCount: countOf(body.warningCount, warnings.length),
      suggestions: suggestionsOf(body.unspscSuggestions),
    };
  }
  const retry = body?.retryAfterSeconds;
  return { kind: 'refused', status, message: typeof body?.message === 'string' ? body.message : '', retryAfterSeconds: typeof retry === 'number' ? retry : null };
}

/** Sends the file; `onProgress` gets the share sent (0 to 1), and 1 once every byte is sent and the server is checking the file. Rejects only when the network fails. `exclude`: store the valid lines and leave out the others (invalidLines=exclude). */
export function uploadCatalogue(agreementId: number, file: File, token: string, onProgress: (share: number) => void, exclude = false): Promise<UploadReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/agreements/${agreementId}/catalogue${exclude ? '?invalidLines=exclude' : ''}`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    // Every byte sent: what follows is the server reading and checking the file, which can take a while.
    xhr.upload.onload = () => onProgress(1);
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
