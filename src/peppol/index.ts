/**
 * peppol/: UBL 2.1 documents (PEPPOL BIS 3, EHF 3.0) read into typed values and written from
 * them. Pure TypeScript: no Nest, no database. Domains import from here, not from the files.
 */
export * from './ubl-values';
export * from './ubl-catalogue';
export { readUblCatalogue, CATALOGUE_SHAPE } from './ubl-catalogue-reader';
export { UblError, UBL_LIMITS } from './ubl-xml-reader';
export type { UblLimits } from './ubl-xml-reader';
export * from './ubl-order';
export { writeOrder, ORDER_PROFILES, ORDER_NAMESPACES } from './ubl-order-writer';
export { XmlWriteError } from './xml-writer';
export type { DecimalValue } from './xml-writer';
