import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { copyRows } from '../platform/database/copy-rows';

/** What the version records about its file: a line left out (and why), or a warning. */
export type CatalogueLineNoteKind = 'EXCLUDED' | 'WARNING';

export interface CatalogueLineNote {
  line: number | null;
  location: string;
  field: string | null;
  code: string;
  message: string;
  value?: string | null;
}

const COLUMNS = ['version_id', 'kind', 'line_no', 'location', 'field', 'code', 'message', 'value'];

/** The one home of the SQL on `catalogue_line_note`. */
@Injectable()
export class CatalogueLineNoteRepository {
  /** Stores notes with COPY in the upload's transaction (a file may exclude or warn about many lines). */
  async insert(tx: RequestContext, versionId: number, kind: CatalogueLineNoteKind, notes: CatalogueLineNote[]): Promise<void> {
    await copyRows(
      tx.manager,
      'catalogue_line_note',
      COLUMNS,
      notes.map((n) => [versionId, kind, n.line, n.location, n.field, n.code, n.message, n.value ?? null]),
    );
  }

  async count(ctx: RequestContext, versionId: number, kind: CatalogueLineNoteKind): Promise<number> {
    const [{ n }] = await ctx.manager.query('SELECT count(*)::int AS n FROM catalogue_line_note WHERE version_id = $1 AND kind = $2', [versionId, kind]);
    return n;
  }

  /** A page of the version's notes of one kind, in file order. */
  page(ctx: RequestContext, versionId: number, kind: CatalogueLineNoteKind, offset: number, limit: number): Promise<CatalogueLineNote[]> {
    return ctx.manager.query(
      `SELECT line_no AS line, location, field, code, message, value FROM catalogue_line_note
        WHERE version_id = $1 AND kind = $2 ORDER BY line_no NULLS FIRST, id OFFSET $3 LIMIT $4`,
      [versionId, kind, offset, limit],
    );
  }
}
