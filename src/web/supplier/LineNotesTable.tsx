import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

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
 */
export function LineNotesTable({ testId, caption, captionId, said, notes }: { testId: string; caption: string; captionId?: string; said: 'reason' | 'message'; notes: LineNote[] }) {
  const { t } = useTranslation();
  return (
    <Table data-size="sm" data-testid={testId}>
      <caption id={captionId}>{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
          <Table.HeaderCell>{t('supplier.catalogue.field')}</Table.HeaderCell>
          <Table.HeaderCell>{said === 'reason' ? t('supplier.catalogue.reason') : t('supplierPortal.version.message')}</Table.HeaderCell>
          <Table.HeaderCell>{t('supplier.catalogue.value')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {notes.map((n, i) => (
          <Table.Row key={i}>
            <Table.Cell>{n.line ?? n.location}</Table.Cell>
            <Table.Cell>{n.field ?? '–'}</Table.Cell>
            <Table.Cell>{n[said]}</Table.Cell>
            <Table.Cell>{n.value ?? '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
