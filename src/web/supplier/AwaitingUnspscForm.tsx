import { Button, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { useCursorPages } from '../work/cursor-pages';
import { choose, percent, toAcceptInput, type UnspscChoices } from './unspsc-choices';
import { refusalText } from '../refusals/refusal-text';

const PAGE_SIZE = 10;

const AwaitingQuery = graphql(`
  query SupplierVersionAwaiting($id: Int!, $first: Int!, $after: String) {
    catalogueVersion(id: $id) {
      id
      unspscAwaiting(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            lineNumber
            sellerItemId
            name
            givenCode
            reason
            suggestions {
              code
              title
              confidence
            }
          }
        }
      }
    }
  }
`);

const AcceptUnspsc = graphql(`
  mutation AcceptUnspscSuggestions($input: AcceptUnspscSuggestionsInput!) {
    acceptUnspscSuggestions(input: $input) {
      __typename
      ... on UnspscSuggestionsAccepted {
        accepted
        stillAwaiting
      }
      ... on UnspscChoicesRefused {
        problems {
          lineNumber
          code
          reason
        }
      }
      ... on CatalogueStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

/**
 * Lines of a draft waiting for a UNSPSC code, with Torg's suggestions: the supplier picks one per
 * line (choices are kept across pages) and acceptUnspscSuggestions makes those lines items.
 */
export function AwaitingUnspscForm({ versionId, onAccepted }: { versionId: number; onAccepted: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const pages = useCursorPages();
  const [result, refetch] = useQuery({ query: AwaitingQuery, variables: { id: versionId, first: PAGE_SIZE, after: pages.after }, requestPolicy: 'cache-and-network' });
  const [sending, accept] = useMutation(AcceptUnspsc);
  const [choices, setChoices] = useState<UnspscChoices>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const conn = result.data?.catalogueVersion.unspscAwaiting;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setDone(null);
    const input = toAcceptInput(versionId, choices);
    if (!input.lines.length) return setFailure(t('supplierPortal.version.chooseOne'));
    const res = await accept({ input });
    const answer = res.data?.acceptUnspscSuggestions;
    if (res.error) return setFailure(errorMessage(res.error, t));
    if (!answer) return;
    if (answer.__typename === 'UnspscSuggestionsAccepted') {
      const said = t('supplierPortal.version.accepted', { accepted: answer.accepted, waiting: answer.stillAwaiting });
      setDone(said);
      announce(said);
      setChoices({});
      pages.reset();
      refetch({ requestPolicy: 'network-only' });
      onAccepted();
    } else if (answer.__typename === 'UnspscChoicesRefused') setFailure(answer.problems.map((p) => `${t('supplier.catalogue.line')} ${p.lineNumber}: ${p.reason}`).join(' '));
    else setFailure(refusalText(answer, t));
  };

  return (
    <section aria-labelledby="awaiting-heading" className="torg-stack">
      <Heading level={2} data-size="sm" id="awaiting-heading">
        {t('supplierPortal.version.awaiting')}
      </Heading>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {done && <Paragraph data-testid="awaiting-done">{done}</Paragraph>}
      {conn && conn.totalCount === 0 && <Paragraph>{t('supplierPortal.version.noAwaiting')}</Paragraph>}
      {conn && conn.totalCount > 0 && (
        <form onSubmit={(e) => void submit(e)} noValidate className="torg-stack" aria-labelledby="awaiting-heading">
          <Paragraph>{t('supplierPortal.version.awaitingIntro')}</Paragraph>
          {conn.edges.map(({ node: l }) => (
            <Fieldset key={l.lineNumber}>
              <Fieldset.Legend>{t('supplierPortal.version.codeFor', { line: l.lineNumber, name: `${l.name} (${l.sellerItemId})` })}</Fieldset.Legend>
              <Fieldset.Description>{l.reason}</Fieldset.Description>
              {l.suggestions.length === 0 && <Paragraph data-size="sm">{t('supplierPortal.version.noSuggestion')}</Paragraph>}
              {l.suggestions.map((s) => (
                <Radio
                  key={s.code}
                  name={`code-${l.lineNumber}`}
                  value={s.code}
                  label={t('supplierPortal.version.suggestion', { code: s.code, title: s.title, score: percent(s.confidence) })}
                  checked={choices[l.lineNumber] === s.code}
                  onChange={() => setChoices(choose(choices, l.lineNumber, s.code))}
                />
              ))}
              {l.suggestions.length > 0 && (
                <Radio
                  name={`code-${l.lineNumber}`}
                  value=""
                  label={t('supplierPortal.version.keepWaiting')}
                  checked={!choices[l.lineNumber]}
                  onChange={() => setChoices(choose(choices, l.lineNumber, ''))}
                />
              )}
            </Fieldset>
          ))}
          <CursorPager
            label={t('supplierPortal.version.awaiting')}
            page={pages.page}
            hasNext={!!conn.pageInfo.hasNextPage}
            onNext={() => pages.next(conn.pageInfo.endCursor)}
            onPrevious={pages.previous}
          />
          {failure && <ErrorAlert title={t('supplierPortal.version.acceptFailedTitle')} message={failure} />}
          <Button type="submit" disabled={sending.fetching}>
            {t('supplierPortal.version.accept')}
          </Button>
        </form>
      )}
    </section>
  );
}
