import type { refusalsNb } from './texts-nb';

/** The server's refusals in English: the same keys and placeholders as texts-nb.ts. */
export const refusalsEn: typeof refusalsNb = {
  BudgetExceededError:
    'Cost centre {{costCentreCode}} has {{remaining}} left of its {{year}} budget, but the amount is {{requested}}. Choose another cost centre, remove items, or ask an approver to override the budget with a reason.',
  CartEmptyError: 'The cart is empty, so there is nothing to order. Add items to the cart first.',
  CartNotOrderableError: 'These lines cannot be ordered as they are: {{lines}}. Go to the cart and remove or replace them.',
  CatalogueStateError: 'The catalogue version is “{{status}}”, so that cannot be done now. Reload the page to see where it stands.',
  CatalogueVersionOutdatedError: 'Version {{publishedVersionNo}} was published after this one was uploaded. Upload the catalogue again so that it builds on the version in force.',
  CeilingExceededError:
    'Agreement {{agreementReference}} has only {{remaining}} left under its ceiling, but the amount is {{requested}}. Remove items on the agreement or contact the purchasing unit.',
  CostCentreInactiveError: 'The cost centre is no longer active. Choose another cost centre.',
  DelegationOverlapError: 'A delegation already overlaps this period. Change the dates or end the other delegation first.',
  DuplicateDespatchError: 'This despatch is registered already. See the order for the despatches sent.',
  DuplicateInvoiceNumberError: 'Invoice number {{invoiceNumber}} has been used before. Give the invoice a new number.',
  IdempotencyKeyReusedError:
    'An earlier attempt of this draft made invoice {{invoiceId}} already, and this has changed since: {{differentFields}}. See the invoice under Invoices. If you send again, another invoice is made.',
  InvalidDelegationError: 'The delegation is not valid: check that the period ends after it starts and that you do not delegate to yourself.',
  InvalidOrderResponseError: 'The answer to the order cannot be sent as it is (line {{lineId}}). Correct the line and send again.',
  InvoiceFromOrderRefused: 'The invoice was not created: {{problemsCount}} problem(s). Correct the marked fields and send again; what you typed is kept.',
  InvoiceStateError: 'The invoice is “{{status}}”, so that cannot be done now. Reload the page to see where it stands.',
  InvoiceVersionConflictError: 'Someone else changed the invoice meanwhile. Reload the page and try again.',
  InvoicesNotPayableError: '{{invoicesCount}} of the invoices cannot be marked paid now. None was marked; remove them and try again.',
  ItemNotOrderable: 'The item cannot be ordered today: it is not in a catalogue your organisation may order from now. Search for another item.',
  LineNotReceivableError: 'Line {{lines}} cannot be received (the supplier does not deliver it, or it is cancelled). Leave it out of the receipt.',
  MandatoryAgreementRefusal: 'The category is covered by the mandatory agreement {{agreements}}: choose one of its items, or justify buying outside it.',
  MissingRoleError: 'The user does not have the role “{{role}}” needed here. Choose another user.',
  NoApproverError: 'Nobody may approve {{amount}} on this cost centre. Choose another cost centre or contact an administrator.',
  NotAuthorisedToApproveError: 'You may not approve {{amount}}: it is above your limit. The requisition waits for an approver with a higher limit.',
  NothingToExportError: 'Every approved invoice is exported already; there is nothing new to export.',
  OrderStateError: 'The order is “{{status}}”, so that cannot be done now. Reload the page to see where it stands.',
  OrderVersionConflictError: 'Someone else changed the order meanwhile. Reload the page and try again.',
  OverReceiptError: 'You are receiving more than was ordered on line {{lines}}. Check the quantities and try again.',
  PriceIncreasesBeyondClauseError: '{{flaggedCount}} price increases go beyond the agreement’s price-adjustment clause. Publish only with an override and a reason, or reject the version.',
  ReasonRequiredError: 'Give a reason before you send.',
  ReturnBeyondReceivedError: 'You are returning more than was received on line {{lines}}. Check the quantities and try again.',
  SelfApprovalError: 'You may not approve your own requisition. It waits for another approver.',
  UnknownOrderLineError: 'The order has no line {{lineIds}}. Reload the order and try again.',
  UnspscChoicesRefused: 'The codes were not applied: line {{problems}}. Choose a code within the agreement’s scope and try again.',
  UserNotInOrganisationError: 'The user does not belong to the organisation. Choose a user in the organisation.',
};
