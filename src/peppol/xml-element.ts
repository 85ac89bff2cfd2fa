import { UblAddress, UblAmount, UblCode, UblContact, UblIdentifier, UblParty, UblPeriod, UblQuantity, UblText } from './ubl-values';

/** One element as the reader keeps it: local names, no namespaces, the XML line it opens on. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
  line: number;
}

/**
 * An element with its path, for mapping a document to typed values. Children are asked for by
 * their UBL name (`cac:Item`), matched on the local name as the reader always has, and named in
 * paths with the UBL prefix asked for.
 */
export class UblNode {
  constructor(
    readonly element: XmlElement,
    readonly path: string,
  ) {}

  get line(): number {
    return this.element.line;
  }

  /** Every child of that name; the path counts position only where the name repeats. */
  all(qname: string): UblNode[] {
    const local = qname.slice(qname.indexOf(':') + 1);
    const found = this.element.children.filter((c) => c.name === local);
    return found.map((c, i) => new UblNode(c, `${this.path}/${qname}${found.length > 1 ? `[${i + 1}]` : ''}`));
  }

  /**
   * The first child along the names (`'cac:Price', 'cbc:PriceAmount'`), named as `all` would name
   * it. A plain walk: this runs some 25 times per catalogue line, and building every match's node
   * and path only to keep the first made reading a large catalogue markedly slower.
   */
  at(...qnames: string[]): UblNode | undefined {
    let element = this.element;
    let path = this.path;
    for (const qname of qnames) {
      const local = qname.slice(qname.indexOf(':') + 1);
      let first: XmlElement | undefined;
      let repeats = false;
      for (const child of element.children) {
        if (child.name !== local) continue;
        if (first) {
          repeats = true;
          break;
        }
        first = child;
      }
      if (!first) return undefined;
      element = first;
      path = `${path}/${qname}${repeats ? '[1]' : ''}`;
    }
    return element === this.element ? this : new UblNode(element, path);
  }

  attr(name: string): UblText | undefined {
    const value = this.element.attrs[name];
    return value === undefined ? undefined : { value, path: `${this.path}/@${name}`, line: this.line };
  }

  text(): UblText {
    return { value: this.element.text.trim(), path: this.path, line: this.line };
  }
}

export const textAt = (node: UblNode | undefined, ...qnames: string[]): UblText | undefined => node?.at(...qnames)?.text();

export function identifier(node: UblNode | undefined): UblIdentifier | undefined {
  return node && { ...node.text(), schemeId: node.element.attrs.schemeID };
}

export function code(node: UblNode | undefined): UblCode | undefined {
  return node && { ...node.text(), listId: node.element.attrs.listID, listVersionId: node.element.attrs.listVersionID };
}

export function amount(node: UblNode | undefined): UblAmount | undefined {
  return node && { ...node.text(), currency: node.attr('currencyID') };
}

export function quantity(node: UblNode | undefined): UblQuantity | undefined {
  return node && { ...node.text(), unitCode: node.element.attrs.unitCode };
}

export function period(node: UblNode | undefined): UblPeriod | undefined {
  return node && { startDate: textAt(node, 'cbc:StartDate'), startTime: textAt(node, 'cbc:StartTime'), endDate: textAt(node, 'cbc:EndDate'), endTime: textAt(node, 'cbc:EndTime') };
}

export function address(node: UblNode | undefined): UblAddress | undefined {
  if (!node) return undefined;
  return {
    streetName: textAt(node, 'cbc:StreetName'),
    additionalStreetName: textAt(node, 'cbc:AdditionalStreetName'),
    cityName: textAt(node, 'cbc:CityName'),
    postalZone: textAt(node, 'cbc:PostalZone'),
    countrySubentity: textAt(node, 'cbc:CountrySubentity'),
    addressLines: node.all('cac:AddressLine').flatMap((l) => l.all('cbc:Line').map((t) => t.text())),
    countryCode: textAt(node, 'cac:Country', 'cbc:IdentificationCode'),
  };
}

function contact(node: UblNode | undefined): UblContact | undefined {
  return node && { name: textAt(node, 'cbc:Name'), telephone: textAt(node, 'cbc:Telephone'), email: textAt(node, 'cbc:ElectronicMail') };
}

/** A cac:Party, or a party-shaped aggregate such as the Catalogue's cac:ProviderParty. */
export function party(node: UblNode | undefined): UblParty | undefined {
  if (!node) return undefined;
  return {
    path: node.path,
    line: node.line,
    endpointId: identifier(node.at('cbc:EndpointID')),
    identifiers: node
      .all('cac:PartyIdentification')
      .map((p) => identifier(p.at('cbc:ID'))!)
      .filter(Boolean),
    name: textAt(node, 'cac:PartyName', 'cbc:Name'),
    postalAddress: address(node.at('cac:PostalAddress')),
    registrationName: textAt(node, 'cac:PartyLegalEntity', 'cbc:RegistrationName'),
    companyId: identifier(node.at('cac:PartyLegalEntity', 'cbc:CompanyID')),
    contact: contact(node.at('cac:Contact')),
  };
}
