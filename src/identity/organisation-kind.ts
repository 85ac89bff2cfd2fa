/** What an organisation is in Torg (other modules import this, never the entity). */
export enum OrganisationKind {
  BUYER = 'BUYER',
  PURCHASING_UNIT = 'PURCHASING_UNIT',
  SUPPLIER = 'SUPPLIER',
}
