/**
 * The typed values a UBL document holds, each with where it was written, so a report about a
 * value can say where it is: `path` is an XPath-like location with the usual UBL prefixes
 * (`/Catalogue/CatalogueLine[3]/cac:Item/cbc:Name`; a position only where siblings repeat) and
 * `line` is the line of the XML file it sits on. Values are text exactly as written (trimmed):
 * amounts stay decimal strings, never floats, and checking them is the caller's business.
 */
export interface UblLocated {
  path: string;
  line: number;
}

export interface UblText extends UblLocated {
  value: string;
}

/** An identifier with its scheme (`schemeID`: 0192 a Norwegian organisation number, 0160 a GTIN). */
export interface UblIdentifier extends UblText {
  schemeId?: string;
}

/** A code from a list (`listID`: MP or TST for UNSPSC, STI for CPV). */
export interface UblCode extends UblText {
  listId?: string;
  listVersionId?: string;
}

/** An amount; its `currencyID` attribute is a value of its own, with its own path. */
export interface UblAmount extends UblText {
  currency?: UblText;
}

/** A quantity with its UN/ECE Rec 20 unit code. */
export interface UblQuantity extends UblText {
  unitCode?: string;
}

export interface UblPeriod {
  startDate?: UblText;
  startTime?: UblText;
  endDate?: UblText;
  endTime?: UblText;
}

export interface UblAddress {
  streetName?: UblText;
  additionalStreetName?: UblText;
  cityName?: UblText;
  postalZone?: UblText;
  countrySubentity?: UblText;
  addressLines: UblText[];
  countryCode?: UblText;
}

export interface UblContact {
  name?: UblText;
  telephone?: UblText;
  email?: UblText;
}

/** A party as catalogues and post-award documents carry it (cac:Party and its kin). */
export interface UblParty extends UblLocated {
  endpointId?: UblIdentifier;
  identifiers: UblIdentifier[];
  name?: UblText;
  postalAddress?: UblAddress;
  registrationName?: UblText;
  companyId?: UblIdentifier;
  contact?: UblContact;
}
