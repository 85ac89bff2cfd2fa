import { OrganisationKind } from '../identity/organisation-kind';
import { DEMO_OPERATOR_EMAIL } from '../platform/config/config';
import { Role } from '../identity/role';
import { JustificationCode } from '../ordering/cart-line-kinds';

/**
 * The demo world: one municipality with a school and a nursing home, a purchasing unit, three
 * suppliers, and a second municipality with no agreements (to show tenants are apart).
 * Organisation numbers are made up but pass the mod-11 check.
 */
export const DEMO_ORGANISATIONS = [
  { key: 'kommune', name: 'Storby kommune', orgNumber: '964000018', kind: OrganisationKind.BUYER },
  { key: 'skole', name: 'Nordby skole', orgNumber: '911000024', kind: OrganisationKind.BUYER, parent: 'kommune' },
  { key: 'sykehjem', name: 'Storby sykehjem', orgNumber: '921000030', kind: OrganisationKind.BUYER, parent: 'kommune' },
  { key: 'innkjop', name: 'Storby innkjøpssenter', orgNumber: '931000047', kind: OrganisationKind.PURCHASING_UNIT },
  { key: 'kontorland', name: 'Kontorland AS', orgNumber: '981000056', kind: OrganisationKind.SUPPLIER },
  { key: 'medisinsk', name: 'Medisinsk Forsyning AS', orgNumber: '982000068', kind: OrganisationKind.SUPPLIER },
  { key: 'datautstyr', name: 'Datautstyr Norge AS', orgNumber: '983000088', kind: OrganisationKind.SUPPLIER },
  { key: 'vestby', name: 'Vestby kommune', orgNumber: '971000082', kind: OrganisationKind.BUYER },
] as const;

export type DemoOrgKey = (typeof DEMO_ORGANISATIONS)[number]['key'];

/**
 * Demo machine clients: each supplier's own system, as registered by its ADMIN. In the demo,
 * devClientToken(clientId) gives a token for each, as the OIDC provider would issue one.
 */
export const DEMO_MACHINE_CLIENTS: { clientId: string; name: string; org: DemoOrgKey; roles: Role[] }[] = [
  { clientId: 'kontorland-erp', name: 'Kontorland ERP', org: 'kontorland', roles: [Role.SUPPLIER_ADMIN] },
  { clientId: 'medisinsk-erp', name: 'Medisinsk Forsyning ERP', org: 'medisinsk', roles: [Role.SUPPLIER_ADMIN] },
  { clientId: 'datautstyr-erp', name: 'Datautstyr katalogsystem', org: 'datautstyr', roles: [Role.SUPPLIER_ADMIN] },
];

/**
 * Demo users; README lists them. devLogin(email) gives a token for each. The operator is a
 * platform operator because PLATFORM_OPERATORS names it by default where devLogin exists; it holds
 * no role in its organisation (a membership is what lets a user sign in at all).
 */
export const DEMO_USERS: { email: string; name: string; org: DemoOrgKey; roles: Role[] }[] = [
  { email: 'admin@torg.example', name: 'Ada Admin', org: 'innkjop', roles: [Role.ADMIN, Role.PURCHASER] },
  { email: 'innkjoper@storby.example', name: 'Ingrid Innkjøper', org: 'innkjop', roles: [Role.PURCHASER] },
  { email: 'bestiller@nordby.example', name: 'Bjørn Bestiller', org: 'skole', roles: [Role.REQUESTER] },
  { email: 'attestant@nordby.example', name: 'Astrid Attestant', org: 'skole', roles: [Role.APPROVER, Role.REQUESTER] },
  { email: 'bestiller@sykehjem.example', name: 'Siri Sykepleier', org: 'sykehjem', roles: [Role.REQUESTER] },
  { email: 'bestiller@vestby.example', name: 'Vegard Vestby', org: 'vestby', roles: [Role.REQUESTER] },
  { email: 'katalog@kontorland.example', name: 'Kari Kontorland', org: 'kontorland', roles: [Role.SUPPLIER_ADMIN] },
  { email: 'katalog@medisinsk.example', name: 'Morten Medisinsk', org: 'medisinsk', roles: [Role.SUPPLIER_ADMIN] },
  { email: 'katalog@datautstyr.example', name: 'Dina Datautstyr', org: 'datautstyr', roles: [Role.SUPPLIER_ADMIN] },
  { email: DEMO_OPERATOR_EMAIL, name: 'Olav Operatør', org: 'innkjop', roles: [] },
  // Added with the buyer set-up (issue 15): after the others, so their ids stay as they were.
  { email: 'okonomi@storby.example', name: 'Øystein Økonomi', org: 'kommune', roles: [Role.ADMIN, Role.APPROVER] },
  { email: 'faktura@storby.example', name: 'Frida Faktura', org: 'kommune', roles: [Role.ACCOUNTS_PAYABLE] },
  { email: 'leder@sykehjem.example', name: 'Liv Leder', org: 'sykehjem', roles: [Role.APPROVER, Role.REQUESTER] },
];

export interface DemoAgreement {
  reference: string;
  title: string;
  supplier: DemoOrgKey;
  participants: DemoOrgKey[];
  scope: string[];
  mandatory: boolean;
  validFrom: string;
  validTo: string;
  /** File in catalogs/ uploaded and published for this agreement. */
  catalogue: string;
}

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    reference: '2025-001',
    title: 'Kontorrekvisita, papir og kontorstoler',
    supplier: 'kontorland',
    participants: ['kommune'],
    scope: ['14110000', '44110000', '44120000', '56110000'],
    mandatory: true,
    validFrom: '2025-01-01',
    validTo: '2028-12-31',
    catalogue: 'kontorland-kontorrekvisita.csv',
  },
  {
    reference: '2025-002',
    title: 'Medisinske forbruksvarer og renhold',
    supplier: 'medisinsk',
    participants: ['sykehjem'],
    scope: ['42130000', '42140000', '42310000', '46180000', '47120000', '47130000', '14111700'],
    mandatory: false,
    validFrom: '2025-01-01',
    validTo: '2028-12-31',
    catalogue: 'medisinsk-forsyning-forbruk.xml',
  },
  {
    reference: '2025-003',
    title: 'IT-tilbehør',
    supplier: 'datautstyr',
    participants: ['kommune'],
    scope: ['43200000', '43210000'],
    mandatory: false,
    validFrom: '2025-01-01',
    validTo: '2028-12-31',
    catalogue: 'datautstyr-it-tilbehor.xlsx',
  },
  {
    reference: '2021-007',
    title: 'IT-tilbehør 2021–2023 (utløpt)',
    supplier: 'datautstyr',
    participants: ['kommune'],
    scope: ['43200000', '43210000'],
    mandatory: false,
    validFrom: '2021-01-01',
    validTo: '2023-12-31',
    catalogue: 'datautstyr-it-tilbehor.xlsx',
  },
];

/**
 * The demo buyers' set-up for ordering (src/identity/buyer-setup/): cost centres with a budget
 * for the current year, personal limits, approvers and delivery addresses. Storby kommune's ADMIN
 * (okonomi@storby.example) manages it for the kommune, Nordby skole and Storby sykehjem. Vestby
 * kommune has no approver: what exceeds its requester's limit finds nobody to approve it.
 */
export const DEMO_COST_CENTRES: { org: DemoOrgKey; code: string; name: string; owner: string; budget: string }[] = [
  { org: 'kommune', code: '1000', name: 'Sentraladministrasjon', owner: 'okonomi@storby.example', budget: '1200000' },
  { org: 'skole', code: '2100', name: 'Undervisning', owner: 'attestant@nordby.example', budget: '450000' },
  { org: 'skole', code: '2150', name: 'IKT i skolen', owner: 'attestant@nordby.example', budget: '200000' },
  { org: 'sykehjem', code: '3100', name: 'Pleie og omsorg', owner: 'leder@sykehjem.example', budget: '900000' },
  { org: 'sykehjem', code: '3200', name: 'Kjøkken og renhold', owner: 'leder@sykehjem.example', budget: '300000' },
  { org: 'vestby', code: '100', name: 'Administrasjon', owner: 'bestiller@vestby.example', budget: '150000' },
];

/** Orders up to these amounts (NOK excluding VAT) need no approval. */
export const DEMO_PERSONAL_LIMITS: { email: string; org: DemoOrgKey; amount: string }[] = [
  { email: 'okonomi@storby.example', org: 'kommune', amount: '50000' },
  { email: 'bestiller@nordby.example', org: 'skole', amount: '5000' },
  { email: 'attestant@nordby.example', org: 'skole', amount: '20000' },
  { email: 'bestiller@sykehjem.example', org: 'sykehjem', amount: '3000' },
  { email: 'leder@sykehjem.example', org: 'sykehjem', amount: '10000' },
  { email: 'bestiller@vestby.example', org: 'vestby', amount: '2000' },
];

/** Approver rights: on one cost centre (by code) or, without one, on all of the organisation's. */
export const DEMO_APPROVER_RIGHTS: { email: string; org: DemoOrgKey; costCentre?: string; maxAmount: string }[] = [
  { email: 'okonomi@storby.example', org: 'kommune', maxAmount: '1000000' },
  { email: 'attestant@nordby.example', org: 'skole', maxAmount: '100000' },
  { email: 'leder@sykehjem.example', org: 'sykehjem', costCentre: '3100', maxAmount: '50000' },
  { email: 'leder@sykehjem.example', org: 'sykehjem', costCentre: '3200', maxAmount: '25000' },
];

export const DEMO_DELIVERY_ADDRESSES: { org: DemoOrgKey; label: string; streetName: string; additionalStreetName?: string; postalCode: string; city: string; gln?: string }[] = [
  { org: 'kommune', label: 'Rådhuset, varemottak', streetName: 'Rådhusplassen 1', postalCode: '0037', city: 'Storby' },
  { org: 'skole', label: 'Varemottak', streetName: 'Skoleveien 1', postalCode: '0655', city: 'Storby', gln: '7080003430014' },
  { org: 'sykehjem', label: 'Varemottak kjøkken', streetName: 'Omsorgsveien 5', additionalStreetName: 'Inngang B', postalCode: '0656', city: 'Storby', gln: '7080003430021' },
  { org: 'vestby', label: 'Vestby rådhus', streetName: 'Rådhusveien 2', postalCode: '1540', city: 'Vestby' },
];

/** A line of a demo order from a published catalogue. */
export interface DemoOrderItem {
  agreement: string;
  sellerItemId: string;
  quantity: string;
}

/** A free-text line: a need no catalogue item was taken for, with the requester's justification. */
export interface DemoFreeTextLine {
  description: string;
  unspscCode: string;
  quantity: string;
  unitCode: string;
  estimatedPrice: string;
  /** A registered supplier (the order goes to it as a document) … */
  supplier?: DemoOrgKey;
  /** … or one outside Torg (the requester records where the order was placed). */
  supplierName?: string;
  justification?: { code: JustificationCode; text: string };
}

export interface DemoOrder {
  /** How tests and DemoActivity name the order. */
  key: string;
  requester: string;
  /** "org:code" of DEMO_COST_CENTRES: the requester's organisation and cost centre. */
  costCentre: string;
  items?: DemoOrderItem[];
  freeText?: DemoFreeTextLine[];
  /** How many days before the seed runs it was submitted (seed/demo-schedule.ts times the steps after). */
  daysAgo: number;
  /** Who approves it when it exceeds the requester's own limit … */
  approver?: string;
  /** … and how many hours after submission. */
  approvalHours?: number;
  approvalComment?: string;
  accountingString?: string;
  noteToSupplier?: string;
  /** The supplier's answer (an Order Response, AP). */
  supplierAnswer?: { by: string; note?: string };
  /** Whether the requester has received every line in full (line numbers follow `items`). */
  receivedInFull?: boolean;
  /** The note recording an order to a supplier outside Torg as placed. */
  placedOutside?: string;
}

export interface DemoInvoice {
  /** The supplier's invoice number (stable: README and tests name some). */
  number: string;
  /** The key of the DemoOrder invoiced. */
  order: string;
  supplier: DemoOrgKey;
  /** `erp`: the supplier's machine client sends the document to the intake; `portal`: its person has Torg write it from the order. */
  via: 'erp' | 'portal';
  /** The machine client id (erp) or the e-mail (portal). */
  by: string;
  /** erp: the lines invoiced by order line number, at the order's price unless `price` says otherwise. */
  lines: Record<string, { quantity: string; price?: string }>;
  /** erp: a credit note crediting this invoice number. */
  credits?: string;
  paymentAccount: string;
  kid?: string;
  note?: string;
}

/**
 * The demo's purchasing history (seed/demo-activity.ts), placed through the services by the demo
 * users and the suppliers' systems when `npm start` seeds an empty database (not in tests, which
 * start from the catalogues alone unless they ask for it): Nordby skole and Storby sykehjem buy on
 * the agreements, approve, receive and are invoiced; Kontorland's ERP sends an invoice that
 * matches, one at a price above the agreement (EXCEPTION) and a credit note for two damaged
 * packs; Medisinsk Forsyning invoices goods not yet received (WAITING); Datautstyr writes its
 * invoice in the portal, and Storby sykehjem's office supplies wait for Kontorland's invoice. Two free-text lines bought outside the agreements with a justification
 * (leakage), and one need no agreement covers. Catalogue items marked Svanemerket / EU Ecolabel
 * make up the eco-labelled spend.
 */
const FEATURED: { orders: DemoOrder[]; invoices: DemoInvoice[] } = {
  orders: [
    {
      key: 'paper',
      daysAgo: 290,
      requester: 'bestiller@nordby.example',
      costCentre: 'skole:2100',
      items: [
        { agreement: '2025-001', sellerItemId: 'KL-100', quantity: '20' },
        { agreement: '2025-001', sellerItemId: 'KL-117', quantity: '10' },
        { agreement: '2025-001', sellerItemId: 'KL-165', quantity: '12' },
      ],
      accountingString: '2100.6550',
      noteToSupplier: 'Varemottak før kl. 14',
      supplierAnswer: { by: 'katalog@kontorland.example', note: 'Levering neste uke' },
      receivedInFull: true,
    },
    {
      key: 'chairs',
      daysAgo: 220,
      approvalHours: 27,
      requester: 'bestiller@nordby.example',
      costCentre: 'skole:2100',
      items: [{ agreement: '2025-001', sellerItemId: 'KL-213', quantity: '4' }],
      approver: 'attestant@nordby.example',
      approvalComment: 'Nye stoler til personalrommet',
      supplierAnswer: { by: 'katalog@kontorland.example' },
      receivedInFull: true,
    },
    {
      key: 'it',
      daysAgo: 340,
      requester: 'attestant@nordby.example',
      costCentre: 'skole:2150',
      items: [
        { agreement: '2025-003', sellerItemId: 'DU-0001', quantity: '10' },
        { agreement: '2025-003', sellerItemId: 'DU-0015', quantity: '10' },
      ],
      supplierAnswer: { by: 'katalog@datautstyr.example' },
      receivedInFull: true,
    },
    {
      key: 'care',
      daysAgo: 80,
      requester: 'bestiller@sykehjem.example',
      costCentre: 'sykehjem:3100',
      items: [
        { agreement: '2025-002', sellerItemId: 'MF-5003', quantity: '10' },
        { agreement: '2025-002', sellerItemId: 'MF-5039', quantity: '5' },
      ],
      approver: 'leder@sykehjem.example',
      supplierAnswer: { by: 'katalog@medisinsk.example' },
    },
    {
      key: 'cleaning',
      daysAgo: 150,
      requester: 'leder@sykehjem.example',
      costCentre: 'sykehjem:3200',
      items: [
        { agreement: '2025-002', sellerItemId: 'MF-5083', quantity: '20' },
        { agreement: '2025-002', sellerItemId: 'MF-5070', quantity: '6' },
      ],
      supplierAnswer: { by: 'katalog@medisinsk.example' },
      receivedInFull: true,
    },
    {
      key: 'paper-outside',
      daysAgo: 115,
      requester: 'bestiller@nordby.example',
      costCentre: 'skole:2100',
      freeText: [
        {
          description: 'Kopipapir A4 fra nærbutikken',
          unspscCode: '14111507',
          quantity: '5',
          unitCode: 'PK',
          estimatedPrice: '69',
          supplierName: 'Nærbutikken Storby',
          justification: { code: JustificationCode.URGENT_NEED, text: 'Tomt for papir før eksamen' },
        },
      ],
      placedOutside: 'Kjøpt i butikk, kvittering levert økonomi',
    },
    {
      key: 'mouse-outside',
      daysAgo: 185,
      requester: 'leder@sykehjem.example',
      costCentre: 'sykehjem:3100',
      freeText: [
        {
          description: 'Trådløs mus med ekstra store knapper',
          unspscCode: '43211708',
          quantity: '3',
          unitCode: 'EA',
          estimatedPrice: '499',
          supplierName: 'Elektro Storby',
          justification: { code: JustificationCode.ITEM_NOT_IN_AGREEMENT, text: 'Tilpasset beboere med nedsatt finmotorikk' },
        },
      ],
      placedOutside: 'Bestilt på telefon',
    },
    {
      key: 'plants',
      daysAgo: 255,
      requester: 'bestiller@sykehjem.example',
      costCentre: 'sykehjem:3100',
      freeText: [{ description: 'Kunstige planter til fellesstua', unspscCode: '56101528', quantity: '2', unitCode: 'EA', estimatedPrice: '450', supplierName: 'Storby Blomster' }],
      placedOutside: 'Bestilt i butikken',
    },
    {
      // Confirmed and received, not invoiced yet: Kontorland may write its invoice in the portal (README).
      key: 'office-sykehjem',
      daysAgo: 20,
      requester: 'bestiller@sykehjem.example',
      costCentre: 'sykehjem:3200',
      items: [
        { agreement: '2025-001', sellerItemId: 'KL-100', quantity: '4' },
        { agreement: '2025-001', sellerItemId: 'KL-183', quantity: '5' },
      ],
      supplierAnswer: { by: 'katalog@kontorland.example' },
      receivedInFull: true,
    },
  ],
  invoices: [
    {
      number: 'KL-70001',
      order: 'paper',
      supplier: 'kontorland',
      via: 'erp',
      by: 'kontorland-erp',
      lines: { '1': { quantity: '20' }, '2': { quantity: '10' }, '3': { quantity: '12' } },
      paymentAccount: '15032080119',
      kid: '700010',
    },
    {
      number: 'KL-70002',
      order: 'chairs',
      supplier: 'kontorland',
      via: 'erp',
      by: 'kontorland-erp',
      // Above the agreement's 1545.96: a price variance for accounts payable.
      lines: { '1': { quantity: '4', price: '1645.96' } },
      paymentAccount: '15032080119',
      kid: '700028',
    },
    {
      number: 'KL-K-70001',
      order: 'paper',
      supplier: 'kontorland',
      via: 'erp',
      by: 'kontorland-erp',
      credits: 'KL-70001',
      lines: { '1': { quantity: '2' } },
      paymentAccount: '15032080119',
      note: 'To pakker skadet i transport',
    },
    { number: 'MF-2026-0412', order: 'care', supplier: 'medisinsk', via: 'erp', by: 'medisinsk-erp', lines: { '1': { quantity: '10' }, '2': { quantity: '5' } }, paymentAccount: '15032080119' },
    { number: 'MF-2026-0413', order: 'cleaning', supplier: 'medisinsk', via: 'erp', by: 'medisinsk-erp', lines: { '1': { quantity: '20' }, '2': { quantity: '6' } }, paymentAccount: '15032080119' },
    { number: 'DU-5501', order: 'it', supplier: 'datautstyr', via: 'portal', by: 'katalog@datautstyr.example', lines: {}, paymentAccount: '15032080119', kid: '55010' },
  ],
};

/**
 * The routine beside the featured history (after it, so the featured orders and invoices keep
 * their numbers): about once a month Nordby skole orders copy paper and Storby sykehjem paper
 * towels on the agreements, received and invoiced by the suppliers' systems (matched), so most
 * months have several orders and invoices to show.
 */
export const DEMO_ROUTINE_MONTHS = 10;
const ROUTINE: { orders: DemoOrder[]; invoices: DemoInvoice[] } = { orders: [], invoices: [] };
for (let i = 0; i < DEMO_ROUTINE_MONTHS; i++) {
  const n = String(i + 1).padStart(2, '0');
  const daysAgo = 325 - 32 * i;
  ROUTINE.orders.push(
    {
      key: `routine-paper-${n}`,
      daysAgo,
      requester: 'bestiller@nordby.example',
      costCentre: 'skole:2100',
      items: [{ agreement: '2025-001', sellerItemId: 'KL-100', quantity: String(8 + (i % 3) * 2) }],
      supplierAnswer: { by: 'katalog@kontorland.example' },
      receivedInFull: true,
    },
    {
      key: `routine-towels-${n}`,
      daysAgo: daysAgo - 9,
      requester: 'leder@sykehjem.example',
      costCentre: 'sykehjem:3200',
      items: [{ agreement: '2025-002', sellerItemId: 'MF-5083', quantity: String(10 + (i % 4) * 5) }],
      supplierAnswer: { by: 'katalog@medisinsk.example' },
      receivedInFull: true,
    },
  );
  ROUTINE.invoices.push(
    {
      number: `KL-710${n}`,
      order: `routine-paper-${n}`,
      supplier: 'kontorland',
      via: 'erp',
      by: 'kontorland-erp',
      lines: { '1': { quantity: String(8 + (i % 3) * 2) } },
      paymentAccount: '15032080119',
    },
    {
      number: `MF-2026-05${n}`,
      order: `routine-towels-${n}`,
      supplier: 'medisinsk',
      via: 'erp',
      by: 'medisinsk-erp',
      lines: { '1': { quantity: String(10 + (i % 4) * 5) } },
      paymentAccount: '15032080119',
    },
  );
}

/** The featured orders and invoices, then the routine. */
export const DEMO_ACTIVITY: { orders: DemoOrder[]; invoices: DemoInvoice[] } = {
  orders: [...FEATURED.orders, ...ROUTINE.orders],
  invoices: [...FEATURED.invoices, ...ROUTINE.invoices],
};

/** The keys of the featured orders and the numbers of the featured invoices (README's table). */
export const DEMO_FEATURED = { orders: FEATURED.orders.map((o) => o.key), invoices: FEATURED.invoices.map((i) => i.number) };
