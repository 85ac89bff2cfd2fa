/**
 * The child order the UBL 2.1 schemas prescribe, for the elements Torg writes (local names;
 * each list is the full sequence of its type, so a writer may add any of them later). The XML
 * writer refuses children out of this order. Checked against every published example in
 * ../shared/data/peppol by ubl-sequences.spec.ts.
 */

const PARTY = ['UBLExtensions', 'MarkCareIndicator', 'MarkAttentionIndicator', 'WebsiteURI', 'LogoReferenceID', 'EndpointID', 'IndustryClassificationCode', 'PartyIdentification', 'PartyName', 'Language', 'PostalAddress', 'PhysicalLocation', 'PartyTaxScheme', 'PartyLegalEntity', 'Contact', 'Person', 'AgentParty', 'ServiceProviderParty', 'PowerOfAttorney', 'FinancialAccount'] as const;
const ADDRESS = ['ID', 'AddressTypeCode', 'AddressFormatCode', 'Postbox', 'Floor', 'Room', 'StreetName', 'AdditionalStreetName', 'BlockName', 'BuildingName', 'BuildingNumber', 'InhouseMail', 'Department', 'MarkAttention', 'MarkCare', 'PlotIdentification', 'CitySubdivisionName', 'CityName', 'PostalZone', 'CountrySubentity', 'CountrySubentityCode', 'Region', 'District', 'TimezoneOffset', 'AddressLine', 'Country', 'LocationCoordinate'] as const;
const CUSTOMER_PARTY = ['UBLExtensions', 'CustomerAssignedAccountID', 'SupplierAssignedAccountID', 'AdditionalAccountID', 'Party', 'DeliveryContact', 'AccountingContact', 'BuyerContact'] as const;
const SUPPLIER_PARTY = ['UBLExtensions', 'CustomerAssignedAccountID', 'AdditionalAccountID', 'DataSendingCapability', 'Party', 'DespatchContact', 'AccountingContact', 'SellerContact'] as const;
const PERIOD = ['StartDate', 'StartTime', 'EndDate', 'EndTime', 'DurationMeasure', 'DescriptionCode', 'Description'] as const;
const DOCUMENT_REFERENCE = ['ID', 'CopyIndicator', 'UUID', 'IssueDate', 'IssueTime', 'DocumentTypeCode', 'DocumentType', 'XPath', 'LanguageID', 'LocaleCode', 'VersionID', 'DocumentStatusCode', 'DocumentDescription', 'Attachment', 'ValidityPeriod', 'IssuerParty', 'ResultOfVerification'] as const;
const LOCATION = ['ID', 'Description', 'Conditions', 'CountrySubentity', 'CountrySubentityCode', 'LocationTypeCode', 'InformationURI', 'Name', 'ValidityPeriod', 'Address', 'SubsidiaryLocation', 'LocationCoordinate'] as const;
const DELIVERY = ['ID', 'Quantity', 'MinimumQuantity', 'MaximumQuantity', 'ActualDeliveryDate', 'ActualDeliveryTime', 'LatestDeliveryDate', 'LatestDeliveryTime', 'ReleaseID', 'TrackingID', 'DeliveryAddress', 'DeliveryLocation', 'AlternativeDeliveryLocation', 'RequestedDeliveryPeriod', 'PromisedDeliveryPeriod', 'EstimatedDeliveryPeriod', 'CarrierParty', 'DeliveryParty', 'NotifyParty', 'Despatch', 'DeliveryTerms', 'MinimumDeliveryUnit', 'MaximumDeliveryUnit', 'Shipment'] as const;
const ALLOWANCE_CHARGE = ['ID', 'ChargeIndicator', 'AllowanceChargeReasonCode', 'AllowanceChargeReason', 'MultiplierFactorNumeric', 'PrepaidIndicator', 'SequenceNumeric', 'Amount', 'BaseAmount', 'AccountingCostCode', 'AccountingCost', 'PerUnitAmount', 'TaxCategory', 'TaxTotal', 'PaymentMeans'] as const;
const TAX_CATEGORY = ['ID', 'Name', 'Percent', 'BaseUnitMeasure', 'PerUnitAmount', 'TaxExemptionReasonCode', 'TaxExemptionReason', 'TierRange', 'TierRatePercent', 'TaxScheme'] as const;
const ITEM_IDENTIFICATION = ['ID', 'ExtendedID', 'BarcodeSymbologyID', 'PhysicalAttribute', 'MeasurementDimension', 'IssuerParty'] as const;

export const UBL_SEQUENCES: Record<string, readonly string[]> = {
  Order: ['UBLExtensions', 'UBLVersionID', 'CustomizationID', 'ProfileID', 'ProfileExecutionID', 'ID', 'SalesOrderID', 'CopyIndicator', 'UUID', 'IssueDate', 'IssueTime', 'OrderTypeCode', 'Note', 'RequestedInvoiceCurrencyCode', 'DocumentCurrencyCode', 'PricingCurrencyCode', 'TaxCurrencyCode', 'CustomerReference', 'AccountingCostCode', 'AccountingCost', 'LineCountNumeric', 'ValidityPeriod', 'QuotationDocumentReference', 'OrderDocumentReference', 'OriginatorDocumentReference', 'CatalogueReference', 'AdditionalDocumentReference', 'Contract', 'ProjectReference', 'Signature', 'BuyerCustomerParty', 'SellerSupplierParty', 'OriginatorCustomerParty', 'FreightForwarderParty', 'AccountingCustomerParty', 'Delivery', 'DeliveryTerms', 'PaymentMeans', 'PaymentTerms', 'TransactionConditions', 'AllowanceCharge', 'DestinationCountry', 'TaxTotal', 'AnticipatedMonetaryTotal', 'OrderLine'],
  BuyerCustomerParty: CUSTOMER_PARTY,
  OriginatorCustomerParty: CUSTOMER_PARTY,
  AccountingCustomerParty: CUSTOMER_PARTY,
  SellerSupplierParty: SUPPLIER_PARTY,
  Party: PARTY,
  DeliveryParty: PARTY,
  OriginatorParty: PARTY,
  PartyIdentification: ['ID'],
  PartyName: ['Name'],
  PostalAddress: ADDRESS,
  RegistrationAddress: ADDRESS,
  Address: ADDRESS,
  AddressLine: ['Line'],
  Country: ['IdentificationCode', 'Name'],
  PartyTaxScheme: ['RegistrationName', 'CompanyID', 'TaxLevelCode', 'ExemptionReasonCode', 'ExemptionReason', 'RegistrationAddress', 'TaxScheme'],
  PartyLegalEntity: ['RegistrationName', 'CompanyID', 'RegistrationDate', 'RegistrationExpirationDate', 'CompanyLegalFormCode', 'CompanyLegalForm', 'SoleProprietorshipIndicator', 'CompanyLiquidationStatusCode', 'CorporateStockAmount', 'FullyPaidSharesIndicator', 'RegistrationAddress', 'CorporateRegistrationScheme', 'HeadOfficeParty', 'ShareholderParty'],
  Contact: ['ID', 'Name', 'Telephone', 'Telefax', 'ElectronicMail', 'Note', 'OtherCommunication'],
  TaxScheme: ['ID', 'Name', 'TaxTypeCode', 'CurrencyCode', 'JurisdictionRegionAddress'],
  ValidityPeriod: PERIOD,
  RequestedDeliveryPeriod: PERIOD,
  QuotationDocumentReference: DOCUMENT_REFERENCE,
  OrderDocumentReference: DOCUMENT_REFERENCE,
  OriginatorDocumentReference: DOCUMENT_REFERENCE,
  AdditionalDocumentReference: DOCUMENT_REFERENCE,
  ItemSpecificationDocumentReference: DOCUMENT_REFERENCE,
  Attachment: ['EmbeddedDocumentBinaryObject', 'ExternalReference'],
  ExternalReference: ['URI', 'DocumentHash', 'HashAlgorithmMethod', 'ExpiryDate', 'ExpiryTime', 'MimeCode', 'FormatCode', 'EncodingCode', 'CharacterSetCode', 'FileName', 'Description'],
  Contract: ['ID', 'IssueDate', 'IssueTime', 'NominationDate', 'NominationTime', 'ContractTypeCode', 'ContractType', 'Note', 'VersionID', 'Description', 'ValidityPeriod', 'ContractDocumentReference', 'NominationPeriod', 'ContractualDelivery'],
  Delivery: DELIVERY,
  DeliveryLocation: LOCATION,
  DeliveryTerms: ['ID', 'SpecialTerms', 'LossRiskResponsibilityCode', 'LossRisk', 'Amount', 'DeliveryLocation', 'AllowanceCharge'],
  PaymentTerms: ['ID', 'PaymentMeansID', 'PrepaidPaymentReferenceID', 'Note', 'ReferenceEventCode', 'SettlementDiscountPercent', 'PenaltySurchargePercent', 'PaymentPercent', 'Amount', 'SettlementDiscountAmount', 'PenaltyAmount', 'PaymentTermsDetailsURI', 'PaymentDueDate', 'InstallmentDueDate', 'InvoicingPartyReference', 'SettlementPeriod', 'PenaltyPeriod', 'ExchangeRate', 'ValidityPeriod'],
  AllowanceCharge: ALLOWANCE_CHARGE,
  TaxCategory: TAX_CATEGORY,
  ClassifiedTaxCategory: TAX_CATEGORY,
  TaxTotal: ['TaxAmount', 'RoundingAmount', 'TaxEvidenceIndicator', 'TaxIncludedIndicator', 'TaxSubtotal'],
  AnticipatedMonetaryTotal: ['LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount', 'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount', 'PayableRoundingAmount', 'PayableAmount', 'PayableAlternativeAmount'],
  OrderLine: ['Note', 'SubstitutionStatusCode', 'LineItem', 'SellerProposedSubstituteLineItem', 'SellerSubstitutedLineItem', 'BuyerProposedSubstituteLineItem', 'CatalogueLineReference', 'QuotationLineReference', 'OrderLineReference', 'DocumentReference'],
  LineItem: ['ID', 'SalesOrderID', 'UUID', 'Note', 'LineStatusCode', 'Quantity', 'LineExtensionAmount', 'TotalTaxAmount', 'MinimumQuantity', 'MaximumQuantity', 'MinimumBackorderQuantity', 'MaximumBackorderQuantity', 'InspectionMethodCode', 'PartialDeliveryIndicator', 'BackOrderAllowedIndicator', 'AccountingCostCode', 'AccountingCost', 'WarrantyInformation', 'Delivery', 'DeliveryTerms', 'OriginatorParty', 'OrderedShipment', 'PricingReference', 'AllowanceCharge', 'Price', 'Item', 'SubLineItem', 'WarrantyValidityPeriod', 'WarrantyParty', 'TaxTotal', 'ItemPriceExtension', 'LineReference'],
  Price: ['PriceAmount', 'BaseQuantity', 'PriceChangeReason', 'PriceTypeCode', 'PriceType', 'OrderableUnitFactorRate', 'ValidityPeriod', 'PriceList', 'AllowanceCharge', 'PricingExchangeRate'],
  Item: ['Description', 'PackQuantity', 'PackSizeNumeric', 'CatalogueIndicator', 'Name', 'HazardousRiskIndicator', 'AdditionalInformation', 'Keyword', 'BrandName', 'ModelName', 'BuyersItemIdentification', 'SellersItemIdentification', 'ManufacturersItemIdentification', 'StandardItemIdentification', 'CatalogueItemIdentification', 'AdditionalItemIdentification', 'CatalogueDocumentReference', 'ItemSpecificationDocumentReference', 'OriginCountry', 'CommodityClassification', 'TransactionConditions', 'HazardousItem', 'ClassifiedTaxCategory', 'AdditionalItemProperty', 'ManufacturerParty', 'InformationContentProviderParty', 'OriginAddress', 'ItemInstance', 'Certificate', 'Dimension'],
  BuyersItemIdentification: ITEM_IDENTIFICATION,
  SellersItemIdentification: ITEM_IDENTIFICATION,
  ManufacturersItemIdentification: ITEM_IDENTIFICATION,
  StandardItemIdentification: ITEM_IDENTIFICATION,
  CommodityClassification: ['NatureCode', 'CargoTypeCode', 'CommodityCode', 'ItemClassificationCode'],
  AdditionalItemProperty: ['ID', 'Name', 'NameCode', 'TestMethod', 'Value', 'ValueQuantity', 'ValueQualifier', 'ImportanceCode', 'ListValue', 'UsabilityPeriod', 'ItemPropertyGroup', 'RangeDimension', 'ItemPropertyRange', 'StandardPropertyIdentification', 'SubItemPropertyGroup'],
  ItemInstance: ['ProductTraceID', 'ManufactureDate', 'ManufactureTime', 'BestBeforeDate', 'RegistrationID', 'SerialID', 'AdditionalItemProperty', 'LotIdentification'],
  LotIdentification: ['LotNumberID', 'ExpiryDate', 'AdditionalItemProperty'],
};
