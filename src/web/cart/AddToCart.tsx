import { Button, Textfield } from '@digdir/designsystemet-react';
import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { parseQuantity } from './quantity';
import { refusalText } from '../refusals/refusal-text';

export const AddItemToCart = graphql(`
  mutation AddItemToCart($input: AddItemToCartInput!) {
    addItemToCart(input: $input) {
      __typename
      ... on CartLineAdded {
        line {
          id
          name
        }
        cart {
          id
          lines {
            id
          }
        }
      }
      ... on ItemNotOrderable {
        message
      }
    }
  }
`);

/**
 * Quantity and "add to cart" for one catalogue item; the result is announced, a refusal shown where it happened.
 * Memoised: new search results for the same items (the next letter typed) leave the form alone.
 */
export const AddToCart = memo(function AddToCart({ itemId, name }: { itemId: string; name: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const [quantity, setQuantity] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, add] = useMutation(AddItemToCart);
  const submit = async () => {
    const q = parseQuantity(quantity);
    if (!q) {
      setProblem(t('cart.freeText.notNumber', { field: t('search.quantity') }));
      return;
    }
    setProblem(null);
    const result = await add({ input: { itemId, quantity: q } });
    const answer = result.data?.addItemToCart;
    if (answer?.__typename === 'CartLineAdded') announce(t('search.added', { name }));
    else if (answer?.__typename === 'ItemNotOrderable') setProblem(refusalText(answer, t));
  };
  return (
    <form
      className="torg-add-to-cart"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Textfield
        id={`${id}-qty`}
        data-size="sm"
        label={
          <>
            {t('search.quantity')}
            <span className="torg-visually-hidden"> – {name}</span>
          </>
        }
        inputMode="decimal"
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        error={problem ?? undefined}
        className="torg-quantity"
      />
      <Button type="submit" data-size="sm" loading={state.fetching}>
        {t('search.addToCart')}
        <span className="torg-visually-hidden">: {name}</span>
      </Button>
      {state.error && <ErrorAlert message={errorMessage(state.error, t)} />}
    </form>
  );
});
