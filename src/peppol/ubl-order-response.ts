import { UblSpecification } from './ubl-document-types';
import { UblOrderTradeParty, UblPeriodOut } from './ubl-order';
import { UblItemReference, UblItemReferenceOut } from './ubl-item';
import { UblAmount, UblCode, UblLocated, UblParty, UblPeriod, UblQuantity, UblText } from './ubl-values';
import { DecimalValue } from './xml-writer';

/**
 * A PEPPOL BIS Ordering 3 / EHF Order Response 3.0 as read: every value with its path and XML
 * line. Values are as written; whether a code is known or a line matches the order is the
 * caller's check (it knows the order).
 */

/** UNCL 4343 subset: AP accepted, RE rejected, CA conditionally accepted (with changes), AB acknowledged. */
export const ORDER_RESPONSE_CODES = ['AP', 'RE', 'CA', 'AB'] as const;
export type OrderResponseCode = (typeof ORDER_RESPONSE_CODES)[number];

/** UNCL 1229 subset: 5 accepted, 7 not accepted, 3 changed. */
export const LINE_STATUS_CODES = { accepted: '5', notAccepted: '7', changed: '3' } as const;

export interface UblOrderResponse {
  specification: UblSpecification;
  customizationId?: UblText;
  profileId?: UblText;
  id?: UblText;
  salesOrderId?: UblText;
  issueDate?: UblText;
  issueTime?: UblText;
  /** cbc:OrderResponseCode: AP, RE, CA or AB. */
  responseCode?: UblCode;
  note?: UblText;
  currency?: UblText;
  customerReference?: UblText;
  /** cac:OrderReference/cbc:ID: the order answered. */
  orderReference?: UblText;
  seller?: UblParty;
  buyer?: UblParty;
  /** cac:Delivery/cac:PromisedDeliveryPeriod for the whole order. */
  promisedDeliveryPeriod?: UblPeriod;
  lines: UblOrderResponseLine[];
}

/** One cac:OrderLine; `path` is /OrderResponse/cac:OrderLine[ordinal]. */
export interface UblOrderResponseLine extends UblLocated {
  ordinal: number;
  /** cac:LineItem/cbc:ID. */
  id?: UblText;
  note?: UblText;
  /** cbc:LineStatusCode: 5 accepted, 7 not accepted, 3 changed. */
  statusCode?: UblCode;
  /** cac:OrderLineReference/cbc:LineID: the order line answered. */
  orderLineId?: UblText;
  /** The changed (or confirmed) quantity. */
  quantity?: UblQuantity;
  /** The changed (or confirmed) price: PriceAmount per BaseQuantity (1 when absent). */
  priceAmount?: UblAmount;
  baseQuantity?: UblQuantity;
  promisedDeliveryPeriod?: UblPeriod;
  item?: UblItemReference;
  /** cac:SellerSubstitutedLineItem: the item the seller delivers instead. */
  substitutedItem?: UblSubstitutedItem;
}

export interface UblSubstitutedItem extends UblLocated {
  /** cac:SellerSubstitutedLineItem/cbc:ID. */
  id?: UblText;
  item?: UblItemReference;
}

/**
 * An Order Response to write (the supplier's side: tests and the supplier portal). Plain data;
 * decimals as strings or Decimal. PEPPOL T76: AP, RE and AB carry no lines, CA carries them.
 */
export interface UblOrderResponseOut {
  profile: UblSpecification;
  id: string;
  salesOrderId?: string;
  issueDate: string;
  issueTime?: string;
  responseCode: OrderResponseCode;
  note?: string;
  currency?: string;
  customerReference?: string;
  /** The order answered: its cbc:ID. */
  orderReference: string;
  seller: UblOrderTradeParty;
  buyer: UblOrderTradeParty;
  promisedDeliveryPeriod?: UblPeriodOut;
  lines?: UblOrderResponseLineOut[];
}

export interface UblOrderResponseLineOut {
  id: string;
  note?: string;
  statusCode: (typeof LINE_STATUS_CODES)[keyof typeof LINE_STATUS_CODES];
  /** The order line answered (cac:OrderLineReference/cbc:LineID). */
  orderLineId: string;
  quantity?: { value: DecimalValue; unitCode: string };
  price?: { amount: DecimalValue; baseQuantity?: { value: DecimalValue; unitCode: string } };
  promisedDeliveryPeriod?: UblPeriodOut;
  item: UblItemReferenceOut;
  /** The item delivered instead (cac:SellerSubstitutedLineItem). */
  substitute?: { id: string; item: UblItemReferenceOut };
}
