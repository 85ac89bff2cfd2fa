import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DocumentHandlers, ReceivedDocumentInput } from '../src/exchange/document-handlers';
import { notFound } from '../src/platform/errors/domain-error';
import { needShared, sharedData } from './support/shared-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * POST /documents (issue 15 §8, §9): a received UBL document is identified, checked as safe XML
 * and handed to the handler registered for its type, inside one transaction with the record of
 * its receipt. No domain handles a document type yet in this module's tests, so a small test
 * handler stands in (for Catalogue, a type no domain receives here, so it stays valid when the
 * ordering handlers register Order Response and Despatch Advice): it writes a row of its own,
 * returns problems for a document whose note says "bad", and answers with a fresh id each call.
 */

const NS = 'urn:oasis:names:specification:ubl:schema:xsd';
const PREFIXES = `xmlns:cbc="${NS}:CommonBasicComponents-2" xmlns:cac="${NS}:CommonAggregateComponents-2"`;
const MAX_BYTES = 1024 * 1024;

function catalogue(id: string, note = 'ok', options: { declaration?: string; header?: string; line?: string } = {}): string {
  return (
    (options.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>') +
    `\n<Catalogue xmlns="${NS}:Catalogue-2" ${PREFIXES}>\n` +
    '<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:catalogue:3</cbc:CustomizationID>\n' +
    '<cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:catalogue_only:3</cbc:ProfileID>\n' +
    (id ? `<cbc:ID>${id}</cbc:ID>\n` : '') +
    `<cbc:Note>${note}</cbc:Note>\n` +
    (options.header ?? '') +
    '<cac:ProviderParty><cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID></cac:ProviderParty>\n' +
    `<cac:CatalogueLine><cbc:ID>1</cbc:ID>${options.line ?? ''}</cac:CatalogueLine>\n` +
    '</Catalogue>'
  );
}

// A type Torg sends (the buyer's invoice response) and never receives.
const applicationResponse = (id: string) =>
  `<ApplicationResponse xmlns="${NS}:ApplicationResponse-2" ${PREFIXES}><cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:invoice_response:3</cbc:CustomizationID><cbc:ID>${id}</cbc:ID></ApplicationResponse>`;

describe('POST /documents', () => {
  let t: TestApp;
  let supplier: string;
  let otherSupplier: string;
  let calls: { documentId: string; type: string; organisationId: number; machineClientId?: number }[];
  let counter = 0;

  const post = (token: string | null, body: string | Buffer, contentType = 'application/xml') => {
    const req = t.http.post('/documents').set('Content-Type', contentType);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
  };
  const received = (documentId: string) =>
    t.sql(
      'SELECT sender_organisation_id, document_type, document_id, result_id, result_status, sent_by_user_id, sent_by_client_id, size_bytes, content FROM received_document WHERE document_id = $1',
      [documentId],
    );
  const applied = (documentId: string) => t.sql('SELECT document_id FROM test_applied WHERE document_id = $1', [documentId]);

  beforeAll(async () => {
    t = await startTestApp({ DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
    await t.sql('CREATE TABLE test_applied (document_id text NOT NULL)');
    t.app.get(DocumentHandlers).register({
      documentType: 'Catalogue',
      handle: async (tx, { bytes, identity, caller }: ReceivedDocumentInput) => {
        const documentId = identity.id!.value;
        calls.push({ documentId, type: identity.type, organisationId: caller.organisationId, machineClientId: caller.machineClientId });
        // Written before deciding: a refusal must take it back with everything else.
        await tx.manager.query('INSERT INTO test_applied (document_id) VALUES ($1)', [documentId]);
        const note = /<cbc:Note>([^<]*)<\/cbc:Note>/.exec(bytes.toString('latin1'))?.[1];
        if (note === 'slow') await new Promise((r) => setTimeout(r, 300));
        if (note === 'bad') return { problems: [{ path: '/Catalogue/cbc:Note', rule: 'TEST-R001', message: 'The note says bad' }] };
        if (note === 'unknown') throw notFound('Agreement', 'X-1');
        return { id: `applied-${++counter}`, status: 'ACCEPTED' };
      },
      check: async ({ bytes }) => {
        const note = /<cbc:Note>([^<]*)<\/cbc:Note>/.exec(bytes.toString('latin1'))?.[1];
        if (note === 'bad') return [{ path: '/Catalogue/cbc:Note', rule: 'TEST-R001', message: 'The note says bad' }];
        if (note === 'warn') return [{ path: '/Catalogue/cbc:Note', message: 'The note says warn', severity: 'warning' as const }];
        return [];
      },
    });
    supplier = await t.login('katalog@kontorland.example');
    otherSupplier = await t.login('katalog@medisinsk.example');
  });
  beforeEach(() => {
    calls = [];
  });
  afterAll(() => t?.close());

  it('applies an XML body through the handler for its type, stores it once with its bytes, and audits it', async () => {
    const xml = catalogue('CAT-1');
    const res = await post(supplier, xml);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ documentType: 'Catalogue', id: expect.stringMatching(/^applied-\d+$/), status: 'ACCEPTED', problems: [] });
    expect(calls).toEqual([{ documentId: 'CAT-1', type: 'Catalogue', organisationId: t.world.orgs.kontorland, machineClientId: undefined }]);
    const [row] = await received('CAT-1');
    expect(row).toMatchObject({
      sender_organisation_id: t.world.orgs.kontorland,
      document_type: 'Catalogue',
      result_id: res.body.id,
      result_status: 'ACCEPTED',
      sent_by_user_id: t.world.users['katalog@kontorland.example'].userId,
      sent_by_client_id: null,
      size_bytes: Buffer.byteLength(xml),
    });
    expect(Buffer.from(row.content).toString('utf8')).toBe(xml);
    const audit = await t.sql(`SELECT actor_user_id, actor_org_id, data FROM audit_event WHERE action = 'document.received' AND data->>'documentId' = 'CAT-1'`);
    expect(audit).toEqual([
      {
        actor_user_id: t.world.users['katalog@kontorland.example'].userId,
        actor_org_id: t.world.orgs.kontorland,
        data: expect.objectContaining({ documentType: 'Catalogue', resultId: res.body.id, status: 'ACCEPTED' }),
      },
    ]);
  });

  it('takes text/xml, and a multipart file, and records a machine client as the sender', async () => {
    expect((await post(supplier, catalogue('CAT-TEXT'), 'text/xml; charset=utf-8')).status).toBe(201);
    const client = await t.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }');
    const res = await t.http
      .post('/documents')
      .set('Authorization', `Bearer ${client.data.devClientToken.token}`)
      .attach('file', Buffer.from(catalogue('CAT-MULTI')), { filename: 'catalogue.xml', contentType: 'application/xml' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ documentType: 'Catalogue', status: 'ACCEPTED', problems: [] });
    const [row] = await received('CAT-MULTI');
    expect(row).toMatchObject({ sent_by_user_id: null, sent_by_client_id: t.world.machineClients['kontorland-erp'] });
    expect(calls.map((c) => c.machineClientId)).toEqual([undefined, t.world.machineClients['kontorland-erp']]);
  });

  it('answers a resend 409 with the id stored the first time, without applying it again', async () => {
    const first = await post(supplier, catalogue('CAT-RESEND'));
    expect(first.status).toBe(201);
    const again = await post(supplier, catalogue('CAT-RESEND', 'different content, same id'));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ documentType: 'Catalogue', id: first.body.id, status: 'ACCEPTED', problems: [] });
    expect(calls).toHaveLength(1);
    expect(await applied('CAT-RESEND')).toHaveLength(1);
    // Document ids are unique per sender only: another supplier's document of the same id is its own.
    const other = await post(otherSupplier, catalogue('CAT-RESEND'));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('applies one of several identical documents posted at once, and answers the others 409 with its id', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(supplier, catalogue('CAT-RACE', 'slow'))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body.id;
    for (const a of answers) expect(a.body).toEqual({ documentType: 'Catalogue', id: winner, status: 'ACCEPTED', problems: [] });
    expect(calls).toHaveLength(1);
    expect(await received('CAT-RACE')).toHaveLength(1);
    expect(await applied('CAT-RACE')).toHaveLength(1);
  });

  it("answers the handler's problems 422, stores nothing (its own writes neither), and accepts the corrected resend", async () => {
    const res = await post(supplier, catalogue('CAT-BAD', 'bad'));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ documentType: 'Catalogue', id: null, status: 'REJECTED', problems: [{ path: '/Catalogue/cbc:Note', rule: 'TEST-R001', message: 'The note says bad' }] });
    expect(await received('CAT-BAD')).toEqual([]);
    expect(await applied('CAT-BAD')).toEqual([]);
    const corrected = await post(supplier, catalogue('CAT-BAD', 'good'));
    expect(corrected.status).toBe(201);
    expect(await received('CAT-BAD')).toHaveLength(1);
    expect(await applied('CAT-BAD')).toHaveLength(1);
  });

  describe('POST /documents/check', () => {
    const check = (token: string | null, body: string) => {
      const req = t.http.post('/documents/check').set('Content-Type', 'application/xml');
      if (token) req.set('Authorization', `Bearer ${token}`);
      return req.send(Buffer.from(body, 'utf8'));
    };

    it("answers 200 with the handler's own checks of the document, and stores and applies nothing", async () => {
      const good = await check(supplier, catalogue('CHK-1', 'good'));
      expect(good.status).toBe(200);
      expect(good.body).toEqual({ documentType: 'Catalogue', id: 'CHK-1', valid: true, problems: [] });
      const warned = await check(supplier, catalogue('CHK-1', 'warn'));
      expect(warned.body).toEqual({ documentType: 'Catalogue', id: 'CHK-1', valid: true, problems: [{ path: '/Catalogue/cbc:Note', message: 'The note says warn', severity: 'warning' }] });
      const bad = await check(supplier, catalogue('CHK-1', 'bad'));
      expect(bad.status).toBe(200);
      expect(bad.body).toEqual({ documentType: 'Catalogue', id: 'CHK-1', valid: false, problems: [{ path: '/Catalogue/cbc:Note', rule: 'TEST-R001', message: 'The note says bad' }] });
      expect(calls).toEqual([]);
      expect(await received('CHK-1')).toEqual([]);
      expect(await applied('CHK-1')).toEqual([]);
    });

    it('reports unsafe XML, an unreceived type and a missing id as problems, and asks for a token', async () => {
      const unsafe = await check(supplier, '<!DOCTYPE x [<!ENTITY a "b">]><Catalogue/>');
      expect(unsafe.status).toBe(200);
      expect(unsafe.body).toMatchObject({ documentType: null, id: null, valid: false, problems: [{ message: expect.stringMatching(/DOCTYPE/) }] });
      const notReceived = await check(supplier, applicationResponse('IR-2'));
      expect(notReceived.body).toMatchObject({
        documentType: 'ApplicationResponse',
        id: 'IR-2',
        valid: false,
        problems: [{ message: expect.stringMatching(/^Torg does not receive ApplicationResponse/) }],
      });
      const noId = await check(supplier, catalogue(''));
      expect(noId.body).toMatchObject({ documentType: 'Catalogue', id: null, valid: false, problems: [{ path: '/Catalogue/cbc:ID' }] });
      expect((await check(null, catalogue('CHK-2'))).status).toBe(401);
    });
  });

  it("answers a handler's DomainError as usual, storing nothing", async () => {
    const res = await post(supplier, catalogue('CAT-404', 'unknown'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'Agreement X-1 was not found' });
    expect(await received('CAT-404')).toEqual([]);
    expect(await applied('CAT-404')).toEqual([]);
  });

  it('refuses 422 a document type no domain receives, an unknown root or specification, and a document without an id', async () => {
    const inv = await post(supplier, applicationResponse('IR-1'));
    expect(inv.status).toBe(422);
    expect(inv.body).toEqual({
      documentType: 'ApplicationResponse',
      id: null,
      status: 'REJECTED',
      problems: [{ path: '/ApplicationResponse', message: expect.stringMatching(/^Torg does not receive ApplicationResponse documents here; it receives .*Catalogue/) }],
    });

    const foo = await post(supplier, '<Foo xmlns="urn:example"/>');
    expect(foo.status).toBe(422);
    expect(foo.body).toMatchObject({ documentType: null, id: null, status: 'REJECTED', problems: [{ message: expect.stringMatching(/^The root element is Foo, not a UBL document Torg reads/) }] });

    const other = await post(supplier, catalogue('CAT-SPEC').replace('trns:catalogue:3', 'trns:catalogue:2'));
    expect(other.status).toBe(422);
    expect(other.body.problems[0].message).toMatch(/^The Catalogue follows "urn:fdc:peppol.eu:poacc:trns:catalogue:2" \(cbc:CustomizationID\), not a specification Torg reads/);

    const noId = await post(supplier, catalogue(''));
    expect(noId.status).toBe(422);
    expect(noId.body.problems).toEqual([{ path: '/Catalogue/cbc:ID', message: expect.stringMatching(/has no cbc:ID/) }]);
    expect(calls).toEqual([]);
  });

  it('refuses what is no XML document by its content type (415), and an empty or malformed body (422)', async () => {
    expect((await post(supplier, '{"a":1}', 'application/json')).status).toBe(415);
    const plain = await post(supplier, catalogue('CAT-PLAIN'), 'text/plain');
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/^Content-Type "text\/plain" is not a document: send the UBL document as application\/xml/) });
    const gzipped = await t.http.post('/documents').set('Authorization', `Bearer ${supplier}`).set('Content-Type', 'application/xml').set('Content-Encoding', 'gzip').send(Buffer.from('x'));
    expect(gzipped.status).toBe(415);
    const empty = await post(supplier, '');
    expect(empty.status).toBe(422);
    expect(empty.body.problems).toEqual([{ message: 'The file is empty' }]);
    const broken = await post(supplier, '{"json": true}');
    expect(broken.status).toBe(422);
    expect(broken.body.problems[0].message).toMatch(/^The XML is not well-formed/);
    const wrongField = await t.http
      .post('/documents')
      .set('Authorization', `Bearer ${supplier}`)
      .attach('document', Buffer.from(catalogue('CAT-FIELD')), 'c.xml');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.message).toMatch(/in a field named "file".*"document"/);
    expect(calls).toEqual([]);
  });

  it('asks for a token (401) and a role of a supplier or a buyer (403)', async () => {
    const anonymous = await post(null, catalogue('CAT-ANON'));
    expect(anonymous.status).toBe(401);
    const operator = await t.login('operator@torg.example'); // a member without roles
    const res = await post(operator, catalogue('CAT-OPERATOR'));
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^This needs one of the roles SUPPLIER_ADMIN, PURCHASER, REQUESTER, APPROVER/);
    expect(calls).toEqual([]);
    expect(await received('CAT-OPERATOR')).toEqual([]);
  });

  describe('hostile documents (issue 15 §9): each a clear 4xx, and /health keeps answering', () => {
    /** Posts while polling /health; the slowest /health answer beside the response. */
    async function underAttack(attack: () => Promise<{ status: number; body: any }>) {
      let slowest = 0;
      let done = false;
      const watch = (async () => {
        while (!done) {
          const started = Date.now();
          expect((await t.http.get('/health')).status).toBe(200);
          slowest = Math.max(slowest, Date.now() - started);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      try {
        return { res: await attack(), slowest };
      } finally {
        done = true;
        await watch;
      }
    }

    const refusedAs = async (body: string | Buffer, message: RegExp | string, status = 422) => {
      const { res, slowest } = await underAttack(() => post(supplier, body));
      expect(res.status).toBe(status);
      const text = status === 422 ? res.body.problems[0].message : res.body.message;
      if (typeof message === 'string') expect(text).toBe(message);
      else expect(text).toMatch(message);
      expect(slowest).toBeLessThan(1000);
      return res;
    };

    afterEach(() => expect(calls).toEqual([]));
    /** `content` in a second line, after a first line long enough that identifying the document reads none of the second. */
    const laterLine = (content: string) => `<cbc:Note>${'x'.repeat(200_000)}</cbc:Note></cac:CatalogueLine>\n<cac:CatalogueLine><cbc:ID>2</cbc:ID>${content}`;

    it('refuses a DOCTYPE with entities (billion laughs), an external entity, and an undeclared entity', async () => {
      const laughs =
        '<?xml version="1.0"?>\n<!DOCTYPE Catalogue [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n' +
        catalogue('CAT-LAUGHS', '&d;', { declaration: '' });
      await refusedAs(laughs, 'DOCTYPE declarations are not allowed in UBL documents (they could define entities)');
      const external = `<?xml version="1.0"?>\n<!DOCTYPE Catalogue SYSTEM "file:///etc/passwd">\n${catalogue('CAT-XXE', 'x', { declaration: '' })}`;
      await refusedAs(external, /^DOCTYPE declarations are not allowed/);
      await refusedAs(catalogue('CAT-ENTITY', '&xxe;'), 'The XML is not well-formed: undefined entity.');
      // In a later line, beyond what identification reads: the whole document is checked.
      await refusedAs(catalogue('CAT-ENTITY-LINE', 'ok', { line: laterLine('<cbc:Note>&xxe;</cbc:Note>') }), 'The XML is not well-formed: undefined entity.');
    });

    it('refuses 100,000 levels of nesting, in the header and in a line', async () => {
      const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
      await refusedAs(catalogue('CAT-DEEP', 'ok', { header: deep(100_000) }), /^The XML nests deeper than 64 elements/);
      await refusedAs(catalogue('CAT-DEEP-LINE', 'ok', { line: laterLine(deep(100_000)) }), /^The XML nests deeper than 64 elements/);
    });

    it('refuses the wrong namespace', async () => {
      await refusedAs(catalogue('CAT-NS').replace(`${NS}:Catalogue-2`, 'urn:evil'), `The Catalogue element is not in the UBL namespace ${NS}:Catalogue-2 but in urn:evil`);
    });

    it('refuses bytes that are not in the encoding declared or implied, and an unknown encoding; reads a declared ISO-8859-1', async () => {
      const latin = iconv.encode(catalogue('CAT-LATIN', 'Blå', { declaration: '' }), 'latin1');
      await refusedAs(latin, /^The XML is not UTF-8, as it declares or implies: byte 0xE5/);
      const declaredUtf8 = iconv.encode(catalogue('CAT-LATIN-2', 'Blå'), 'latin1');
      await refusedAs(declaredUtf8, /^The XML is not UTF-8, as it declares or implies: byte 0xE5/);
      await refusedAs(catalogue('CAT-KLINGON', 'x', { declaration: '<?xml version="1.0" encoding="x-klingon"?>' }), 'The XML declares an unsupported encoding "x-klingon"');
      const declaredLatin = iconv.encode(catalogue('CAT-DECLARED-LATIN', 'Blå', { declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>' }), 'latin1');
      expect((await post(supplier, declaredLatin)).status).toBe(201);
      expect(calls.map((c) => c.documentId)).toEqual(['CAT-DECLARED-LATIN']);
      calls = [];
      await refusedAs(catalogue('CAT-UTF16', 'x', { declaration: '<?xml version="1.0" encoding="UTF-16"?>' }), /^The XML is not well-formed/); // declares UTF-16, is not
    });

    it('refuses a body over DOCUMENT_MAX_BYTES with 413: by its length, while streaming one of no declared length, and as a multipart file', async () => {
      const huge = catalogue('CAT-HUGE', 'x'.repeat(MAX_BYTES));
      const res = await refusedAs(huge, /^The document is larger than the 1,048,576 bytes \(1\.0 MiB\) Torg accepts \(DOCUMENT_MAX_BYTES\)/, 413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');

      const multipart = await t.http.post('/documents').set('Authorization', `Bearer ${supplier}`).attach('file', Buffer.from(huge), 'huge.xml');
      expect(multipart.status).toBe(413);
      expect(multipart.body.message).toMatch(/^The document is larger than the 1,048,576 bytes/);

      // Chunked: no Content-Length to refuse up front; the reader stops past the bound.
      const server = t.app.getHttpServer().listen(0);
      try {
        const port = (server.address() as AddressInfo).port;
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(
            { port, method: 'POST', path: '/documents', headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/xml', 'transfer-encoding': 'chunked' } },
            (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () => resolve({ status: res.statusCode!, body }));
            },
          );
          req.on('error', reject);
          req.write(catalogue('CAT-CHUNKED', '').slice(0, -12));
          const chunk = '<cbc:Note>' + 'x'.repeat(64 * 1024) + '</cbc:Note>';
          let sent = 0;
          const more = () => {
            while (sent < 3 * MAX_BYTES) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once('drain', more);
            }
            req.end('</Catalogue>');
          };
          more();
        });
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body).code).toBe('PAYLOAD_TOO_LARGE');
      } finally {
        server.close();
      }
      expect(await received('CAT-HUGE')).toEqual([]);
      expect(await received('CAT-CHUNKED')).toEqual([]);
    });

    it('still answers a good document after all of that', async () => {
      calls = [];
      expect((await post(supplier, catalogue('CAT-AFTER'))).status).toBe(201);
      calls = [];
    });
  });

  const examples = sharedData('peppol', 'catalogue');
  const describeShared = needShared('the published PEPPOL catalogue examples sent to /documents', examples) ? describe : describe.skip;
  describeShared('the published examples', () => {
    it('receives the published PEPPOL and EHF catalogues (one declares ISO-8859-1) as they are', async () => {
      // Both examples are catalogue 1387: from two senders, so neither is the other's resend.
      for (const [file, token] of [
        ['Catalogue_Example.xml', supplier],
        ['ehf-Catalogue_Example.xml', otherSupplier],
      ] as const) {
        const res = await post(token, readFileSync(join(examples.dir, file)));
        expect({ file, status: res.status }).toEqual({ file, status: 201 });
      }
      expect(calls.map((c) => c.documentId)).toEqual(['1387', '1387']);
    });
  });
});
