import { Button, Checkbox, Fieldset, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { graphql } from '../gql';
import { countOf, initiallyOpen, MAX_FACET_LEVEL, nodeShown, type TreeCounts } from './unspsc-tree';

const UnspscChildren = graphql(`
  query UnspscFacetChildren($parentCode: String, $after: String) {
    unspscChildren(parentCode: $parentCode, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          title
          level
          itemCount
        }
      }
    }
  }
`);

interface TreeProps {
  chosen: readonly string[];
  onChoose: (code: string, on: boolean) => void;
  /** The search answer's counts per code (undefined until it comes). */
  counts: TreeCounts | undefined;
}

/**
 * One level of the tree under `parentCode` (the segments when null), a page of 50 at a time:
 * unspscChildren gives the titles and the shape (and is cached, asked once per opened level, not
 * per search); the counts come from the search's own answer, so they follow the text and the
 * other filters. Only nodes with hits are shown (see nodeShown). Each node is a checkbox that filters the search,
 * and (above class level) a disclosure button, with aria-expanded, that opens the level below.
 */
function Level({
  parentCode,
  after,
  chosen,
  onChoose,
  counts,
  open,
  setOpen,
}: TreeProps & { parentCode: string | null; after?: string; open: Set<string>; setOpen: (code: string, on: boolean) => void }) {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: UnspscChildren, variables: { parentCode, after } });
  const [more, setMore] = useState<string | null>(null);
  const connection = result.data?.unspscChildren;
  if (result.error) {
    return (
      <Paragraph data-size="sm" role="alert">
        {errorMessage(result.error, t)}{' '}
        <Button variant="tertiary" data-size="sm" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          {t('errors.retry')}
        </Button>
      </Paragraph>
    );
  }
  if (!connection) return result.fetching ? <Paragraph data-size="sm">{t('app.loading')}</Paragraph> : null;
  const nodes = connection.edges.map((e) => ({ ...e.node, count: countOf(counts, e.node.code) })).filter((n) => nodeShown(n, n.count, chosen));
  return (
    <>
      {nodes.map((n) => {
        const expandable = n.level < MAX_FACET_LEVEL;
        const isOpen = open.has(n.code);
        const childrenId = `unspsc-children-${n.code}`;
        return (
          <li key={n.code} className="torg-unspsc-node">
            <div className="torg-unspsc-row">
              {expandable ? (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  icon
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? childrenId : undefined}
                  aria-label={t(isOpen ? 'extra.unspsc.collapse' : 'extra.unspsc.expand', { title: n.title })}
                  onClick={() => setOpen(n.code, !isOpen)}
                >
                  <span aria-hidden>{isOpen ? '▾' : '▸'}</span>
                </Button>
              ) : (
                <span className="torg-unspsc-leaf" aria-hidden />
              )}
              <Checkbox
                data-size="sm"
                value={n.code}
                checked={chosen.includes(n.code)}
                onChange={(e) => onChoose(n.code, e.target.checked)}
                label={n.count === undefined ? n.title : `${n.title} (${n.count})`}
              />
            </div>
            {expandable && isOpen && (
              <ul id={childrenId} className="torg-plain-list torg-unspsc-children" aria-label={t('extra.unspsc.under', { title: n.title })}>
                <Level parentCode={n.code} chosen={chosen} onChoose={onChoose} counts={counts} open={open} setOpen={setOpen} />
              </ul>
            )}
          </li>
        );
      })}
      {connection.pageInfo.hasNextPage &&
        (more ? (
          <Level parentCode={parentCode} after={more} chosen={chosen} onChoose={onChoose} counts={counts} open={open} setOpen={setOpen} />
        ) : (
          <li>
            <Button variant="tertiary" data-size="sm" onClick={() => setMore(connection.pageInfo.endCursor ?? null)}>
              {t('extra.unspsc.more')}
            </Button>
          </li>
        ))}
    </>
  );
}

/** The search's category filter: the UNSPSC tree, segment → family → class, opened where a chosen code sits. */
export function UnspscFacet({ chosen, onChoose, counts }: TreeProps) {
  const { t } = useTranslation();
  const [open, setOpenSet] = useState(() => initiallyOpen(chosen));
  const setOpen = (code: string, on: boolean) =>
    setOpenSet((s) => {
      const next = new Set(s);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  return (
    <Fieldset data-size="sm" className="torg-facet torg-unspsc">
      <Fieldset.Legend>{t('search.category')}</Fieldset.Legend>
      <Fieldset.Description>{t('extra.unspsc.help')}</Fieldset.Description>
      <ul className="torg-plain-list">
        <Level parentCode={null} chosen={chosen} onChoose={onChoose} counts={counts} open={open} setOpen={setOpen} />
      </ul>
    </Fieldset>
  );
}
