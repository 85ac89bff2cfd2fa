import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { priceClauseText } from './price-clause-text';

const AgreementPriceClause = graphql(`
  query AgreementPriceClause($id: Int!) {
    agreement(id: $id) {
      id
      validFrom
      priceClause {
        ...PriceClauseFields
      }
    }
  }
`);

/**
 * The agreement's price-adjustment clause and today's allowance, said in the user's language from
 * the clause's terms; the server's English `fallback` until they are read (or if they cannot be).
 */
export function PriceClauseText({ agreementId, allowedPercent, fallback }: { agreementId: number; allowedPercent: string; fallback: string }) {
  const { t } = useTranslation();
  const [result] = useQuery({ query: AgreementPriceClause, variables: { id: agreementId } });
  const agreement = result.data?.agreement;
  const text = agreement?.priceClause ? priceClauseText(agreement.priceClause, { allowedPercent, agreementStart: agreement.validFrom }, t) : null;
  return <span data-testid="price-clause-text">{text ?? fallback}</span>;
}
