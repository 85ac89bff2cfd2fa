import type { TorgConfig } from '../config/config';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const start = new Date('2026-11-23T10:00:00Z').getTime();
  let tokens: TokenService;

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    tokens = new TokenService({ env: 'development', devJwtSecret: 'a-dev-secret-long-enough-for-hs256-0123456789' } as TorgConfig);
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
});
