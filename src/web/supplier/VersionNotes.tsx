import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { useCursorPages } from '../work/cursor-pages';

const PAGE_SIZE = 20;

const VersionWarningsQuery = graphql(`
  query SupplierVersionWarnings($id: Int!, $first: Int!, $after: String) {
    catalogueVersion(id: $id) {
      id
      warnings(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            line
            location
            field
            code
            message
            value
          }
        }
      }
    }
  }
`);

const VersionExcludedQuery = graphql(`
  query SupplierVersionExcluded($id: Int!, $first: Int!, $after: String) {
    catalogueVersion(id: $id) {
      id
      excludedLines(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            line
            location
            field
            reason
            value
          }
        }
      }
    }
  }
`);

/** The upload's warnings of a version, a page at a time. */
export function VersionWarnings({ versionId, count }: { versionId: number; count: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result] = useQuery({ query: VersionWarningsQuery, variables: { id: versionId, first: PAGE_SIZE, after: pages.after }, pause: count === 0 });
  const conn = result.data?.catalogueVersion.warnings;
  return (
    <section aria-labelledby="version-warnings">
      <Heading level={2} data-size="sm" id="version-warnings">
        {t('supplierPortal.version.warnings')}
      </Heading>
      {count === 0 && <Paragraph>{t('supplierPortal.version.noWarnings')}</Paragraph>}
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} />}
      {conn && (
        <Table data-size="sm" data-testid="version-warnings-table">
          <caption>{t('supplierPortal.version.warningsCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplier.catalogue.field')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplierPortal.version.message')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplier.catalogue.value')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {conn.edges.map(({ node: w }, i) => (
              <Table.Row key={i}>
                <Table.Cell>{w.line ?? w.location}</Table.Cell>
                <Table.Cell>{w.field ?? '–'}</Table.Cell>
                <Table.Cell>{w.message}</Table.Cell>
                <Table.Cell>{w.value ?? '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <CursorPager
        label={t('supplierPortal.version.warnings')}
        page={pages.page}
        hasNext={!!conn?.pageInfo.hasNextPage}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
        onPrevious={pages.previous}
      />
    </section>
  );
}

/** The lines an EXCLUDE upload left out of a version, with their reasons, a page at a time. */
export function VersionExcludedLines({ versionId, count }: { versionId: number; count: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [result] = useQuery({ query: VersionExcludedQuery, variables: { id: versionId, first: PAGE_SIZE, after: pages.after }, pause: count === 0 });
  const conn = result.data?.catalogueVersion.excludedLines;
  return (
    <section aria-labelledby="version-excluded">
      <Heading level={2} data-size="sm" id="version-excluded">
        {t('supplierPortal.version.excluded')}
      </Heading>
      {count === 0 && <Paragraph>{t('supplierPortal.version.noExcluded')}</Paragraph>}
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} />}
      {conn && (
        <Table data-size="sm" data-testid="version-excluded-table">
          <caption>{t('supplierPortal.version.excludedCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('supplier.catalogue.line')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplier.catalogue.field')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplier.catalogue.reason')}</Table.HeaderCell>
              <Table.HeaderCell>{t('supplier.catalogue.value')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {conn.edges.map(({ node: x }, i) => (
              <Table.Row key={i}>
                <Table.Cell>{x.line ?? x.location}</Table.Cell>
                <Table.Cell>{x.field ?? '–'}</Table.Cell>
                <Table.Cell>{x.reason}</Table.Cell>
                <Table.Cell>{x.value ?? '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <CursorPager
        label={t('supplierPortal.version.excluded')}
        page={pages.page}
        hasNext={!!conn?.pageInfo.hasNextPage}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
        onPrevious={pages.previous}
      />
    </section>
  );
}
