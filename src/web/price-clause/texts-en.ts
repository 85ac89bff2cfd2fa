import type { priceClauseNb } from './texts-nb';

/** The price-adjustment clause in English: the same keys as texts-nb.ts. */
export const priceClauseEn: typeof priceClauseNb = {
  maxIncrease: 'At most {{max}} per {{months}} months, counted from {{from}}. Today it allows at most {{allowed}} above the price then.',
  fromAgreementStart: 'the agreement’s start ({{date}})',
  fromLastPublish: 'the last publish',
  index: '{{share}} in {{index}} from {{baseValue}} ({{baseDate}}). Today it allows at most {{allowed}} above the price on {{baseDate}}.',
  wholeChange: 'The whole change',
  shareOfChange: '{{share}} of the change',
};
