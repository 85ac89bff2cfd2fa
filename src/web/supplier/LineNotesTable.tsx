import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../components/CursorPager';
import { useClientPages } from '../components/client-pages';

/** What a catalogue upload says of one line: a problem (its reason) or a warning (its message). */
export interface LineNote {
  line?: number | null;
  location: string;
  field?: string | null;
  reason?: string;
  message?: string;
  value?: string | null;
}

/**
 * Line, field, what is said and the value, one row per note: the upload report's problems and
 * warnings and a version's warnings and left-out lines all read so. `said` names the third column.
 * With `pageSize`, the notes (all already here: the upload report's up to 1000) show a page at a
 * time with previous/next, so a report of a thousand lines does not become one endless table.
 */
export function LineNotesTable({
  testId,
  caption,
  captionId,
  said,
  notes,
  pageSize,
  pagerLabel,
}: {
  testId: string;
  caption: string;
  captionId?: string;
  said: 'reason' | 'message';
  notes: LineNote[];
  pageSize?: number;
  pagerLabel?: string;
}) {
  const { t } = useTranslation();
  const { page, pageCount, first, shown, hasNext, next, previous } = useClientPages(notes, pageSize ?? notes.length);
  return (
    <>
      <Table data-size="sm" data-testid={testId}>
        <caption id={captionId}>
          {caption}
          {pageCount > 1 && ` (${t('supplierPortal.upload.rows', { from: first + 1, to: first + shown.length, total: notes.length })})`}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.field')}</Table.HeaderCell>
            <Table.HeaderCell>{said === 'reason' ? t('supplier.catalogue.reason') : t('supplierPortal.version.message')}</Table.HeaderCell>
            <Table.HeaderCell>{t('supplier.catalogue.value')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {shown.map((n, i) => (
            <Table.Row key={first + i}>
              <Table.Cell>{n.line ?? n.location}</Table.Cell>
              <Table.Cell>{n.field ?? '–'}</Table.Cell>
              <Table.Cell>{n[said]}</Table.Cell>
              <Table.Cell>{n.value ?? '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {pageSize ? <CursorPager label={pagerLabel} page={page} hasNext={hasNext} onPrevious={previous} onNext={next} /> : null}
    </>
  );
}
