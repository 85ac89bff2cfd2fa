import { Initial1763800000000 } from './1763800000000-Initial';
import { SearchWordExpansion1763800000001 } from './1763800000001-SearchWordExpansion';
import { SearchCodeIndexes1763800000002 } from './1763800000002-SearchCodeIndexes';
import { PartitionSearchItems1763800000003 } from './1763800000003-PartitionSearchItems';
import { TypoDistance1763800000004 } from './1763800000004-TypoDistance';
import { LeanSearchIndexes1763800000005 } from './1763800000005-LeanSearchIndexes';
import { StatementLevelItemReferences1763800000006 } from './1763800000006-StatementLevelItemReferences';
import { VisibilityFunction1763800000007 } from './1763800000007-VisibilityFunction';
import { SearchPartitionPerVersion1763800000008 } from './1763800000008-SearchPartitionPerVersion';
import { DirectUnaccent1763800000009 } from './1763800000009-DirectUnaccent';
import { ItemCodeReferencesByTableLock1763800000010 } from './1763800000010-ItemCodeReferencesByTableLock';
import { VisibilityByParticipation1763800000011 } from './1763800000011-VisibilityByParticipation';
import { ItemCodesCheckedPerStatement1763800000012 } from './1763800000012-ItemCodesCheckedPerStatement';
import { StoredAttributeFacets1763800000013 } from './1763800000013-StoredAttributeFacets';
import { GeneralOutbox1763800000014 } from './1763800000014-GeneralOutbox';
import { BuyerSetup1763800000020 } from './1763800000020-BuyerSetup';
import { Carts1763800000030 } from './1763800000030-Carts';
import { FavouritesAndTemplates1763800000031 } from './1763800000031-FavouritesAndTemplates';
import { MachineClients1763800000040 } from './1763800000040-MachineClients';
import { CostCentreCommitments1763800000045 } from './1763800000045-CostCentreCommitments';
import { AgreementCeiling1763800000046 } from './1763800000046-AgreementCeiling';
import { PurchaseOrders1763800000050 } from './1763800000050-PurchaseOrders';
import { OrderResponses1763800000052 } from './1763800000052-OrderResponses';
import { DespatchAndGoodsReceipts1763800000054 } from './1763800000054-DespatchAndGoodsReceipts';
import { DocumentExchange1763800000060 } from './1763800000060-DocumentExchange';
import { IdempotencyKeys1763800000070 } from './1763800000070-IdempotencyKeys';
import { Invoices1763800000080 } from './1763800000080-Invoices';
import { InvoiceResponsesAndPostingExports1763800000085 } from './1763800000085-InvoiceResponsesAndPostingExports';
import { InsightsSpendFacts1763800000090 } from './1763800000090-InsightsSpendFacts';
import { CataloguesAsSuppliersSend1763800000130 } from './1763800000130-CataloguesAsSuppliersSend';
import { InsightsRollups1763800000091 } from './1763800000091-InsightsRollups';
import { InsightsSubtreeRollups1763800000105 } from './1763800000105-InsightsSubtreeRollups';
import { InvoicePaidAndUnderQuery1763800000110 } from './1763800000110-InvoicePaidAndUnderQuery';
import { MatchRulePrefixLevels1763800000115 } from './1763800000115-MatchRulePrefixLevels';
import { AgreementPriceClause1763800000145 } from './1763800000145-AgreementPriceClause';
import { SearchRelevanceFields1763800000120 } from './1763800000120-SearchRelevanceFields';
import { UnspscSuggestionVocabulary1763800000140 } from './1763800000140-UnspscSuggestionVocabulary';
import { CatalogueLinesAwaitingUnspsc1763800000141 } from './1763800000141-CatalogueLinesAwaitingUnspsc';
import { SearchSynonymGroups1763800000155 } from './1763800000155-SearchSynonymGroups';
import { InvoicePartPayments1763800000160 } from './1763800000160-InvoicePartPayments';
import { InvoiceResponseActions1763800000161 } from './1763800000161-InvoiceResponseActions';
import { SearchGenerations1763800000165 } from './1763800000165-SearchGenerations';
import { InsightsStatisticsRollups1763800000170 } from './1763800000170-InsightsStatisticsRollups';
import { ParticipationPeriods1763800000175 } from './1763800000175-ParticipationPeriods';
import { InsightsSupplierAllTimeRollups1763800000176 } from './1763800000176-InsightsSupplierAllTimeRollups';
import { EcoLabelledLines1763800000177 } from './1763800000177-EcoLabelledLines';
import { PortalInvoiceRequests1763800000185 } from './1763800000185-PortalInvoiceRequests';
import { UnspscItemVocabularyVersions1763800000186 } from './1763800000186-UnspscItemVocabularyVersions';
import { SearchDocumentFromProjection1763800000187 } from './1763800000187-SearchDocumentFromProjection';
import { InvoiceReceivedDocumentDeferred1763800000188 } from './1763800000188-InvoiceReceivedDocumentDeferred';
import { SearchUnspscText1763800000200 } from './1763800000200-SearchUnspscText';
import { InvoiceLineExactNumbers1763800000203 } from './1763800000203-InvoiceLineExactNumbers';
import { InsightsOrderWithoutSupplier1763800000205 } from './1763800000205-InsightsOrderWithoutSupplier';
import { InsightsTriggersWriteOnlyChanges1763800000199 } from './1763800000199-InsightsTriggersWriteOnlyChanges';
import { InsightsOrganisationClassRollups1763800000192 } from './1763800000192-InsightsOrganisationClassRollups';
import { InsightsForeignCurrencyIndexes1763800000196 } from './1763800000196-InsightsForeignCurrencyIndexes';
import { InsightsForeignCurrencyByDate1763800000197 } from './1763800000197-InsightsForeignCurrencyByDate';
import { InsightsClassRollups1763800000198 } from './1763800000198-InsightsClassRollups';

/** Every migration, in order. Listed explicitly so the same list works from ts and from dist. */
export const MIGRATIONS = [
  Initial1763800000000,
  SearchWordExpansion1763800000001,
  SearchCodeIndexes1763800000002,
  PartitionSearchItems1763800000003,
  TypoDistance1763800000004,
  LeanSearchIndexes1763800000005,
  StatementLevelItemReferences1763800000006,
  VisibilityFunction1763800000007,
  SearchPartitionPerVersion1763800000008,
  DirectUnaccent1763800000009,
  ItemCodeReferencesByTableLock1763800000010,
  VisibilityByParticipation1763800000011,
  ItemCodesCheckedPerStatement1763800000012,
  StoredAttributeFacets1763800000013,
  GeneralOutbox1763800000014,
  BuyerSetup1763800000020,
  Carts1763800000030,
  FavouritesAndTemplates1763800000031,
  MachineClients1763800000040,
  CostCentreCommitments1763800000045,
  AgreementCeiling1763800000046,
  PurchaseOrders1763800000050,
  OrderResponses1763800000052,
  DespatchAndGoodsReceipts1763800000054,
  DocumentExchange1763800000060,
  IdempotencyKeys1763800000070,
  Invoices1763800000080,
  InvoiceResponsesAndPostingExports1763800000085,
  InsightsSpendFacts1763800000090,
  InsightsRollups1763800000091,
  InsightsSubtreeRollups1763800000105,
  InvoicePaidAndUnderQuery1763800000110,
  MatchRulePrefixLevels1763800000115,
  SearchRelevanceFields1763800000120,
  CataloguesAsSuppliersSend1763800000130,
  AgreementPriceClause1763800000145,
  UnspscSuggestionVocabulary1763800000140,
  CatalogueLinesAwaitingUnspsc1763800000141,
  SearchSynonymGroups1763800000155,
  InvoicePartPayments1763800000160,
  InvoiceResponseActions1763800000161,
  SearchGenerations1763800000165,
  InsightsStatisticsRollups1763800000170,
  ParticipationPeriods1763800000175,
  InsightsSupplierAllTimeRollups1763800000176,
  EcoLabelledLines1763800000177,
  PortalInvoiceRequests1763800000185,
  UnspscItemVocabularyVersions1763800000186,
  SearchDocumentFromProjection1763800000187,
  InvoiceReceivedDocumentDeferred1763800000188,
  InsightsTriggersWriteOnlyChanges1763800000199,
  InsightsOrganisationClassRollups1763800000192,
  InsightsForeignCurrencyIndexes1763800000196,
  InsightsForeignCurrencyByDate1763800000197,
  InsightsClassRollups1763800000198,
  SearchUnspscText1763800000200,
  InvoiceLineExactNumbers1763800000203,
  InsightsOrderWithoutSupplier1763800000205,
];
