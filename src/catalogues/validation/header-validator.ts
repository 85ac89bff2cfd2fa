import { CatalogueHeader, CatalogueProblem } from '../catalogue-line';
import { isRealDate } from './line-validator';

/** What a catalogue header is checked against: the agreement and its supplier. */
export interface HeaderRules {
  agreementReference: string;
  agreementValidFrom: string;
  agreementValidTo: string;
  supplierOrgNumber: string;
}

const PATH = {
  contract: '/Catalogue/cac:ReferencedContract/cbc:ID',
  start: '/Catalogue/cac:ValidityPeriod/cbc:StartDate',
  end: '/Catalogue/cac:ValidityPeriod/cbc:EndDate',
  provider: '/Catalogue/cac:ProviderParty/cbc:EndpointID',
};

/**
 * Checks what a UBL catalogue says about itself against the agreement it is uploaded for: the
 * contract it names, its validity period (inside the agreement's), and the provider's
 * organisation number (endpoint scheme 0192). Pure; CSV/XLSX headers carry none of these.
 */
export function validateHeader(h: CatalogueHeader, rules: HeaderRules): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const problem = (location: string, field: string, reason: string, value?: string) => problems.push({ line: null, location, field, reason, ...(value !== undefined ? { value } : {}) });
  const period = `${rules.agreementValidFrom} – ${rules.agreementValidTo}`;

  if (h.contractId && h.contractId !== rules.agreementReference) {
    problem(PATH.contract, 'ReferencedContract', `names contract ${h.contractId}, but the upload is for agreement ${rules.agreementReference}`, h.contractId);
  }
  const start = h.validFrom?.trim();
  const end = h.validTo?.trim();
  if (start && !isRealDate(start)) problem(PATH.start, 'ValidityPeriod', 'must be a date YYYY-MM-DD', start);
  else if (start && (start < rules.agreementValidFrom || start > rules.agreementValidTo)) problem(PATH.start, 'ValidityPeriod', `lies outside the agreement period ${period}`, start);
  if (end && !isRealDate(end)) problem(PATH.end, 'ValidityPeriod', 'must be a date YYYY-MM-DD', end);
  else if (end && (end > rules.agreementValidTo || end < rules.agreementValidFrom)) problem(PATH.end, 'ValidityPeriod', `lies outside the agreement period ${period}`, end);
  if (start && end && isRealDate(start) && isRealDate(end) && end < start) problem(PATH.end, 'ValidityPeriod', `is before the StartDate ${start}`, end);

  const endpoint = h.providerEndpoint?.trim();
  if (endpoint && h.providerEndpointScheme === '0192' && endpoint.replace(/\s/g, '') !== rules.supplierOrgNumber) {
    problem(PATH.provider, 'ProviderParty', `names organisation number ${endpoint}, but the agreement's supplier is ${rules.supplierOrgNumber}`, endpoint);
  }
  return problems;
}
