import { join } from 'node:path';
import { TestApp } from './test-app';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);

let counter = 0;

/** A fresh agreement between the purchasing unit and a supplier, for one test's uploads. */
export async function createAgreement(
  t: TestApp,
  opts: { supplier?: string; scope?: string[]; participants?: string[]; validFrom?: string; validTo?: string; mandatory?: boolean; reference?: string; currency?: string } = {},
): Promise<{ id: number; reference: string }> {
  const token = await t.login('innkjoper@storby.example');
  const reference = opts.reference ?? `T-${Date.now()}-${++counter}`;
  const res = await t.gql(token, `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id reference } }`, {
    input: {
      supplierId: t.world.orgs[(opts.supplier ?? 'kontorland') as keyof typeof t.world.orgs],
      reference,
      title: 'Testavtale',
      validFrom: opts.validFrom ?? '2025-01-01',
      validTo: opts.validTo ?? '2028-12-31',
      participantIds: (opts.participants ?? ['skole']).map((p) => t.world.orgs[p as keyof typeof t.world.orgs]),
      scope: opts.scope ?? ['14110000', '44120000'],
      mandatory: opts.mandatory ?? false,
      ...(opts.currency ? { currency: opts.currency } : {}),
    },
  });
  if (!res.data) throw new Error(`createAgreement failed: ${JSON.stringify(res.errors)}`);
  return res.data.createAgreement;
}

/** Uploads a file (path or buffer) as the supplier user; returns the HTTP response. */
export async function upload(t: TestApp, agreementId: number, file: string | Buffer, fileName?: string, supplierEmail = 'katalog@kontorland.example') {
  const token = await t.login(supplierEmail);
  const req = t.http.post(`/agreements/${agreementId}/catalogue`).set('Authorization', `Bearer ${token}`);
  return typeof file === 'string' ? req.attach('file', file, fileName) : req.attach('file', file, fileName ?? 'upload.csv');
}

export const SUBMIT = `mutation($id: Int!) { submitCatalogueVersion(versionId: $id) { __typename ... on CatalogueVersion { id status } ... on CatalogueStateError { errorCode message status } } }`;
export const PUBLISH = `mutation($id: Int!) { publishCatalogueVersion(versionId: $id) { __typename ... on CatalogueVersion { id status publishedAt } ... on CatalogueStateError { errorCode message status } } }`;
export const REJECT = `mutation($id: Int!, $reason: String!) { rejectCatalogueVersion(input: { versionId: $id, reason: $reason }) { __typename ... on CatalogueVersion { id status rejectionReason } ... on CatalogueStateError { errorCode message status } } }`;

/** Upload → submit → publish, asserting each step; returns the version id. */
export async function publishFile(t: TestApp, agreementId: number, file: string | Buffer, fileName?: string, supplierEmail = 'katalog@kontorland.example'): Promise<number> {
  const res = await upload(t, agreementId, file, fileName, supplierEmail);
  if (res.status !== 201) throw new Error(`upload failed ${res.status}: ${JSON.stringify(res.body).slice(0, 2000)}`);
  const id = res.body.version.id;
  const sub = await t.gql(await t.login(supplierEmail), SUBMIT, { id });
  if (sub.data?.submitCatalogueVersion.status !== 'SUBMITTED') throw new Error(JSON.stringify(sub));
  const pub = await t.gql(await t.login('innkjoper@storby.example'), PUBLISH, { id });
  if (pub.data?.publishCatalogueVersion.status !== 'PUBLISHED') throw new Error(JSON.stringify(pub));
  await t.indexed();
  return id;
}
