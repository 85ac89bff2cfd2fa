import type { EntityManager } from 'typeorm';
import { RequestContext } from './request-context';

const manager = {} as EntityManager;

describe('RequestContext.now', () => {
  it('is the real time when no acting time is set (every request, every outbox handler)', () => {
    const before = Date.now();
    const at = new RequestContext(undefined, manager).now().getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('is the acting time when one is set, a copy the caller may not change, kept by withManager', () => {
    const acting = new Date('2026-03-04T08:00:00Z');
    const ctx = new RequestContext(undefined, manager, 'r1', acting);
    const now = ctx.now();
    expect(now.toISOString()).toBe('2026-03-04T08:00:00.000Z');
    now.setUTCFullYear(2000);
    expect(ctx.now().toISOString()).toBe('2026-03-04T08:00:00.000Z');
    const inTx = ctx.withManager({} as EntityManager);
    expect(inTx.now().toISOString()).toBe('2026-03-04T08:00:00.000Z');
    expect(inTx.requestId).toBe('r1');
  });
});
