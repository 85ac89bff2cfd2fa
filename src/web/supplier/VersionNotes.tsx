import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { useCursorPages } from '../work/cursor-pages';
import { LineNotesTable } from './LineNotesTable';

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
      {conn && <LineNotesTable testId="version-warnings-table" caption={t('supplierPortal.version.warningsCaption')} said="message" notes={conn.edges.map((e) => e.node)} />}
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
      {conn && <LineNotesTable testId="version-excluded-table" caption={t('supplierPortal.version.excludedCaption')} said="reason" notes={conn.edges.map((e) => e.node)} />}
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
