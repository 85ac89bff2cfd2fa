import { Button, Paragraph, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { formatMoney, formatNumber } from '../format/format';
import type { CartFieldsFragment } from '../gql/graphql';
import { splitAlternatives } from './alternatives';
import { parseQuantity } from './quantity';
import { RemoveLine, ReplaceLine, UpdateQuantity } from './queries';
import { refusalText } from '../refusals/refusal-text';

export type CartLineData = CartFieldsFragment['supplierGroups'][number]['lines'][number];

const LOYALTY_TAG = { ON_AGREEMENT: ['success', 'cart.onAgreement'], OFF_AGREEMENT: ['warning', 'cart.offAgreement'], NOT_COVERED: ['neutral', 'cart.notCovered'] } as const;

/** One cart line: quantity to change, remove, its standing, and the cheaper agreement items offered in one click. */
export function CartLineRow({ line }: { line: CartLineData }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [quantity, setQuantity] = useState(formatNumber(line.quantity).replace(/[\s\u00a0\u202f]/g, ''));
  const [problem, setProblem] = useState<string | null>(null);
  const [update, updateQuantity] = useMutation(UpdateQuantity);
  const [remove, removeLine] = useMutation(RemoveLine);
  const [replace, replaceLine] = useMutation(ReplaceLine);
  const failed = update.error ?? remove.error ?? replace.error;
  const [tagColor, tagText] = LOYALTY_TAG[line.loyalty];

  const saveQuantity = async () => {
    const q = parseQuantity(quantity);
    if (!q) return setProblem(t('cart.freeText.notNumber', { field: t('cart.quantity') }));
    setProblem(null);
    const r = await updateQuantity({ input: { lineId: line.id, quantity: q } });
    if (r.data) announce(t('cart.updated', { name: line.name }));
  };
  const removeIt = async () => {
    const r = await removeLine({ lineId: line.id });
    if (r.data) announce(t('cart.removed', { name: line.name }));
  };
  const replaceWith = async (itemId: string, name: string) => {
    const r = await replaceLine({ lineId: line.id, itemId });
    const answer = r.data?.replaceCartLineWithItem;
    if (answer?.__typename === 'CartLineAdded') announce(t('cart.replaced', { name }));
    else if (answer?.__typename === 'ItemNotOrderable') setProblem(refusalText(answer, t));
  };

  // Only items that save money in the line's unit are called cheaper; the others are agreement items all the same.
  const alternatives = splitAlternatives(line, line.alternatives);
  const offer = (a: { itemId: string; name: string }) => (
    <Button data-size="sm" variant="secondary" onClick={() => void replaceWith(a.itemId, a.name)} loading={replace.fetching}>
      {t('cart.replaceWith', { name: a.name })}
    </Button>
  );

  return (
    <Table.Row>
      <Table.Cell>
        <Paragraph>
          <strong>{line.name}</strong>
        </Paragraph>
        <div className="torg-tags">
          <Tag data-color={tagColor} data-size="sm">
            {t(tagText)}
          </Tag>
          {line.kind === 'FREE_TEXT' && (
            <Tag data-color="info" data-size="sm">
              {t('cart.estimate')}
            </Tag>
          )}
          {line.check.status !== 'ORDERABLE' && line.check.status !== 'ESTIMATE' && (
            <Tag data-color="danger" data-size="sm">
              {t(`cart.status.${line.check.status}`)}
            </Tag>
          )}
        </div>
        {line.check.reason && <ValidationMessage data-color="danger">{line.check.reason}</ValidationMessage>}
        {line.justificationText && <Paragraph data-size="sm">{t('cart.justification', { text: line.justificationText })}</Paragraph>}
        {alternatives.cheaper.length > 0 && (
          <div className="torg-alternatives" data-testid="cheaper-alternatives">
            <Paragraph data-size="sm">
              <strong>{t('cart.alternativesTitle')}</strong>
            </Paragraph>
            <ul className="torg-plain-list">
              {alternatives.cheaper.map((a) => (
                <li key={a.itemId}>
                  <Paragraph data-size="sm">
                    {a.name} – {formatMoney(a.price, a.currency)} / {a.unitCode} · {t('cart.alternativeSaving', { amount: formatMoney(a.savingForLine ?? '0', a.currency) })}
                  </Paragraph>
                  {offer(a)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {alternatives.others.length > 0 && (
          <div className="torg-alternatives" data-testid="other-alternatives">
            <Paragraph data-size="sm">
              <strong>{t('extra.alternatives.othersTitle')}</strong>
            </Paragraph>
            <ul className="torg-plain-list">
              {alternatives.others.map((a) => (
                <li key={a.itemId}>
                  <Paragraph data-size="sm">
                    {a.name} – {formatMoney(a.price, a.currency)} / {a.unitCode}
                  </Paragraph>
                  {offer(a)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {failed && (
          <ValidationMessage data-color="danger" role="alert">
            {errorMessage(failed, t)}
          </ValidationMessage>
        )}
      </Table.Cell>
      <Table.Cell>
        <form
          className="torg-line-quantity"
          onSubmit={(e) => {
            e.preventDefault();
            void saveQuantity();
          }}
        >
          <Textfield
            data-size="sm"
            label={
              <>
                {t('cart.quantity')}
                <span className="torg-visually-hidden"> – {line.name}</span>
              </>
            }
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            error={problem ?? undefined}
            suffix={line.unitCode}
          />
          <Button type="submit" data-size="sm" variant="tertiary" loading={update.fetching}>
            {t('cart.update')}
            <span className="torg-visually-hidden">: {line.name}</span>
          </Button>
        </form>
      </Table.Cell>
      <Table.Cell className="torg-number">{formatMoney(line.unitPrice, line.currency)}</Table.Cell>
      <Table.Cell className="torg-number">{formatMoney(line.lineAmount, line.currency)}</Table.Cell>
      <Table.Cell>
        <Button data-size="sm" variant="tertiary" data-color="danger" onClick={() => void removeIt()} loading={remove.fetching}>
          {t('cart.remove')}
          <span className="torg-visually-hidden">: {line.name}</span>
        </Button>
      </Table.Cell>
    </Table.Row>
  );
}
