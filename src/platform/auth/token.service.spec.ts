import jwt from 'jsonwebtoken';
import type { TorgConfig } from '../config/config';
import { TokenService } from './token.service';

const SECRET = 'a-dev-secret-long-enough-for-hs256-0123456789';

describe('TokenService', () => {
  const start = new Date('2026-11-23T10:00:00Z').getTime();
  let tokens: TokenService;

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    tokens = new TokenService({ env: 'development', devLogin: true, devJwtSecret: SECRET } as TorgConfig);
  });
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified lately from memory, and refuses it once it has expired', async () => {
    const token = tokens.signDevToken(7, 'kari@nordby.example', 3, 2);
    const first = await tokens.verify(token);
    expect(first).toMatchObject({ sub: 'user:7', org: 3, dev: true });
    expect(await tokens.verify(token)).toBe(first); // remembered, not verified again
    jest.setSystemTime(start + 2_000);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
  });

  it('never remembers a refused token', async () => {
    const token = tokens.signDevToken(7, 'kari@nordby.example', 3);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(tokens.verify(forged)).rejects.toThrow(/refused/);
    await expect(tokens.verify(forged)).rejects.toThrow(/refused/);
  });

  it.each([
    ['no subject', {}, /subject must be "user:<id>".*not null/],
    ['an object subject', { sub: { id: 1 } }, /subject must be "user:<id>".*not \{"id":1\}/],
    ['a subject beyond a PostgreSQL integer', { sub: 'user:99999999999' }, /from 1 to 2147483647, not "user:99999999999"/],
    ['a subject of another shape', { sub: '7' }, /subject must be "user:<id>"/],
    ['an org claim that is no id', { sub: 'user:7', org: 'x' }, /org claim is not an organisation id/],
  ])('refuses a dev token with %s as unauthenticated', async (_what, payload, message) => {
    const token = jwt.sign(payload, SECRET, { algorithm: 'HS256', issuer: 'torg-dev', expiresIn: 60 });
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
  });

  it('tells the holder of a dev token from before a restart to sign in again', async () => {
    const token = tokens.signDevToken(7, 'kari@nordby.example', 3);
    const restarted = new TokenService({ env: 'development', devLogin: true, devJwtSecret: 'another-secret-after-the-restart-0123456789' } as TorgConfig);
    await expect(restarted.verify(token)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/refused: its signature does not match.*issued before Torg restarted.*sign in again/),
    });
  });

  it('tells a dev client token (a machine client, by Torg id and client id) from a user token', async () => {
    const claims = await tokens.verify(tokens.signDevClientToken(3, 'kontorland-erp', 5));
    expect(claims).toMatchObject({ sub: 'client:3', machineClientId: 3, clientId: 'kontorland-erp', org: 5, dev: true });
    expect(claims.userId).toBeUndefined();
    expect((await tokens.verify(tokens.signDevToken(3, 'kari@nordby.example', 5))).machineClientId).toBeUndefined();
    const nameless = jwt.sign({ org: 5 }, SECRET, { algorithm: 'HS256', issuer: 'torg-dev', subject: 'client:3', expiresIn: 60 });
    await expect(tokens.verify(nameless)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/must name its client_id/) });
  });

  it('accepts no dev tokens where devLogin does not exist', async () => {
    const token = tokens.signDevToken(7, 'kari@nordby.example', 3);
    const elsewhere = new TokenService({ env: 'development', devLogin: false, devJwtSecret: SECRET } as TorgConfig);
    await expect(elsewhere.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(() => elsewhere.signDevToken(7, 'kari@nordby.example', 3)).toThrow(/no tokens of its own/);
    expect(() => elsewhere.signDevClientToken(3, 'kontorland-erp', 5)).toThrow(/no tokens of its own/);
  });
});
