import { UblItemReferenceOut } from './ubl-item';
import { UblId, UblOrderAddress, UblOrderContact, UblOrderParty, UblPeriodOut } from './ubl-order';
import { DecimalValue, decimalText, leaf, node, XmlOut } from './xml-writer';

/** The aggregates every post-award document writes alike: parties, addresses, periods, tax categories. */

export function taxCategory(name: string, t: { id: string; percent?: DecimalValue }): XmlOut | undefined {
  return node(name, leaf('cbc:ID', t.id), leaf('cbc:Percent', t.percent === undefined ? undefined : decimalText(t.percent, 'VAT percent')), node('cac:TaxScheme', leaf('cbc:ID', 'VAT')));
}

export function party(name: string, p: UblOrderParty): XmlOut | undefined {
  return node(
    name,
    id('cbc:EndpointID', p.endpointId),
    (p.identifiers ?? []).map((i) => partyIdentification(i)),
    partyName(p.name),
    address('cac:PostalAddress', p.postalAddress),
    p.vatNumber !== undefined && node('cac:PartyTaxScheme', leaf('cbc:CompanyID', p.vatNumber), node('cac:TaxScheme', leaf('cbc:ID', 'VAT'))),
    p.legalEntity &&
      node(
        'cac:PartyLegalEntity',
        leaf('cbc:RegistrationName', p.legalEntity.registrationName),
        id('cbc:CompanyID', p.legalEntity.companyId),
        node('cac:RegistrationAddress', leaf('cbc:CityName', p.legalEntity.city), country(p.legalEntity.countryCode)),
      ),
    contact(p.contact),
  );
}

export const id = (name: string, value: UblId | undefined) => value && leaf(name, value.value, { schemeID: value.schemeId });
export const partyIdentification = (value: UblId | undefined) => node('cac:PartyIdentification', id('cbc:ID', value));
export const partyName = (name: string | undefined) => node('cac:PartyName', leaf('cbc:Name', name));
export const country = (code: string | undefined) => node('cac:Country', leaf('cbc:IdentificationCode', code));
export const period = (name: string, p: UblPeriodOut | undefined) => p && node(name, leaf('cbc:StartDate', p.startDate), leaf('cbc:EndDate', p.endDate));
export const contact = (c: UblOrderContact | undefined) => c && node('cac:Contact', leaf('cbc:Name', c.name), leaf('cbc:Telephone', c.telephone), leaf('cbc:ElectronicMail', c.email));

export function address(name: string, a: UblOrderAddress | undefined): XmlOut | undefined {
  return (
    a &&
    node(
      name,
      leaf('cbc:StreetName', a.streetName),
      leaf('cbc:AdditionalStreetName', a.additionalStreetName),
      leaf('cbc:CityName', a.cityName),
      leaf('cbc:PostalZone', a.postalZone),
      leaf('cbc:CountrySubentity', a.countrySubentity),
      node('cac:AddressLine', leaf('cbc:Line', a.addressLine)),
      country(a.countryCode),
    )
  );
}

/** A cac:Item naming the item of a response or despatch line. */
export function itemReference(i: UblItemReferenceOut): XmlOut | undefined {
  return node(
    'cac:Item',
    leaf('cbc:Name', i.name),
    node('cac:BuyersItemIdentification', leaf('cbc:ID', i.buyersItemId)),
    node('cac:SellersItemIdentification', leaf('cbc:ID', i.sellersItemId)),
    node('cac:StandardItemIdentification', id('cbc:ID', i.standardItemId)),
    (i.classifications ?? []).map((c) => node('cac:CommodityClassification', leaf('cbc:ItemClassificationCode', c.code, { listID: c.listId, listVersionID: c.listVersionId }))),
    i.taxCategory && taxCategory('cac:ClassifiedTaxCategory', i.taxCategory),
  );
}
