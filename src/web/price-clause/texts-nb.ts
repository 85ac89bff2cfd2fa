/**
 * The agreement's price-adjustment clause in bokmål, from its terms (the server's `clause` is
 * English and only the fallback). texts-en.ts has the same keys.
 */
export const priceClauseNb = {
  maxIncrease: 'Høyst {{max}} per {{months}} måneder, regnet fra {{from}}. I dag tillater den høyst {{allowed}} over prisen da.',
  fromAgreementStart: 'avtalens start ({{date}})',
  fromLastPublish: 'siste publisering',
  index: '{{share}} i {{index}} fra {{baseValue}} ({{baseDate}}). I dag tillater den høyst {{allowed}} over prisen {{baseDate}}.',
  wholeChange: 'Hele endringen',
  shareOfChange: '{{share}} av endringen',
};
