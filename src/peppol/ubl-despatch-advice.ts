import { UblSpecification } from './ubl-document-types';
import { UblItemReference, UblItemReferenceOut } from './ubl-item';
import { UblOrderTradeParty, UblPeriodOut } from './ubl-order';
import { DecimalValue } from './xml-writer';
import { UblAddress, UblContact, UblIdentifier, UblLocated, UblParty, UblPeriod, UblQuantity, UblText } from './ubl-values';

/**
 * A PEPPOL BIS Despatch Advice 3 / EHF Despatch Advice 3.0 as read: every value with its path
 * and XML line, as written. Matching lines to the order is the caller's check.
 */
export interface UblDespatchAdvice {
  specification: UblSpecification;
  customizationId?: UblText;
  profileId?: UblText;
  id?: UblText;
  issueDate?: UblText;
  issueTime?: UblText;
  note?: UblText;
  /** cac:OrderReference/cbc:ID: the order despatched. */
  orderReference?: UblText;
  despatchSupplier?: UblParty;
  deliveryCustomer?: UblParty;
  /** cac:DeliveryCustomerParty/cac:DeliveryContact: who receives the goods. */
  deliveryContact?: UblContact;
  buyer?: UblParty;
  seller?: UblParty;
  shipment?: UblShipment;
  lines: UblDespatchLine[];
}

export interface UblShipment extends UblLocated {
  id?: UblText;
  information?: UblText;
  grossWeight?: UblQuantity;
  /** cac:Consignment/cac:CarrierParty/cac:PartyName/cbc:Name. */
  carrierName?: UblText;
  trackingId?: UblText;
  estimatedDeliveryPeriod?: UblPeriod;
  actualDespatchDate?: UblText;
  actualDespatchTime?: UblText;
  despatchAddress?: UblAddress;
}

/** One cac:DespatchLine; `path` is /DespatchAdvice/cac:DespatchLine[ordinal]. */
export interface UblDespatchLine extends UblLocated {
  ordinal: number;
  id?: UblText;
  note?: UblText;
  deliveredQuantity?: UblQuantity;
  /** What is still to come of the order line, and why. */
  outstandingQuantity?: UblQuantity;
  outstandingReason?: UblText;
  /** cac:OrderLineReference/cbc:LineID: the order line delivered against. */
  orderLineId?: UblText;
  /** cac:OrderLineReference/cac:OrderReference/cbc:ID, when a line names its order. */
  lineOrderReference?: UblText;
  item?: UblItemReference;
  /** cac:Item/cac:ItemInstance: traceability of what was delivered. */
  serialId?: UblText;
  lotNumberId?: UblText;
  bestBeforeDate?: UblText;
  /** For completeness: a line's own transport handling unit id, if any. */
  handlingUnitId?: UblIdentifier;
}

/** A Despatch Advice to write (the supplier's side: tests and the supplier portal). Plain data; quantities as strings or Decimal. */
export interface UblDespatchAdviceOut {
  profile: UblSpecification;
  id: string;
  issueDate: string;
  issueTime?: string;
  note?: string;
  /** The order despatched: its cbc:ID. */
  orderReference: string;
  despatchSupplier: UblOrderTradeParty;
  deliveryCustomer: UblOrderTradeParty;
  /** PEPPOL requires a shipment; "NA" is the id when the supplier has none. */
  shipment: { id: string; trackingId?: string; estimatedDeliveryPeriod?: UblPeriodOut; actualDespatchDate?: string };
  lines: UblDespatchLineOut[];
}

export interface UblDespatchLineOut {
  id: string;
  note?: string;
  deliveredQuantity: { value: DecimalValue; unitCode: string };
  outstandingQuantity?: { value: DecimalValue; unitCode: string };
  outstandingReason?: string;
  /** The order line delivered against (cac:OrderLineReference/cbc:LineID). */
  orderLineId: string;
  item: UblItemReferenceOut;
}
