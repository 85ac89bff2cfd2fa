import { DEMO_ACTIVITY } from './demo-data';
import { CREDIT_AFTER_DAYS, creditNoteTime, demoOrderTimes, morningDaysBefore } from './demo-schedule';

const month = (d: Date) => d.toISOString().slice(0, 7);
// Different days of the year: the spread must hold whenever `npm start` seeds.
const NOWS = ['2026-12-02T20:30:00Z', '2026-03-01T00:05:00Z', '2027-07-31T23:59:00Z', '2028-02-29T12:00:00Z'].map((s) => new Date(s));

describe('demo schedule', () => {
  it('puts a step in the morning the given number of days before', () => {
    expect(morningDaysBefore(new Date('2026-12-02T20:30:00Z'), 3).toISOString()).toBe('2026-11-29T08:00:00.000Z');
    expect(morningDaysBefore(new Date('2026-03-01T00:05:00Z'), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });

  it('orders its steps: submitted, approved hours later, answered, received, invoiced', () => {
    const t = demoOrderTimes(new Date('2026-12-02T20:30:00Z'), { daysAgo: 30, approvalHours: 27, receivedInFull: true });
    expect(t.submitted.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(t.approved.toISOString()).toBe('2026-11-03T11:00:00.000Z');
    expect(t.answered.toISOString()).toBe('2026-11-04T13:00:00.000Z');
    expect(t.received.toISOString()).toBe('2026-11-08T11:00:00.000Z');
    expect(t.invoiced.toISOString()).toBe('2026-11-10T11:00:00.000Z');
    // Nothing received: invoiced after the answer instead.
    expect(demoOrderTimes(new Date('2026-12-02T20:30:00Z'), { daysAgo: 30 }).invoiced.toISOString()).toBe('2026-11-09T10:00:00.000Z');
    expect(creditNoteTime(t.invoiced).getTime() - t.invoiced.getTime()).toBe(CREDIT_AFTER_DAYS * 86_400_000);
  });

  it.each(NOWS)('spreads the demo history over the past year, in order and in the past (now %s)', (now) => {
    const times = new Map(DEMO_ACTIVITY.orders.map((o) => [o.key, demoOrderTimes(now, o)]));
    for (const [key, t] of times) {
      const steps = [t.submitted, t.approved, t.answered, t.received, t.invoiced].map((d) => d.getTime());
      expect({ key, sorted: [...steps].sort((a, b) => a - b) }).toEqual({ key, sorted: steps });
      expect({ key, past: t.invoiced < now && t.received < now }).toEqual({ key, past: true });
      expect(now.getTime() - t.submitted.getTime()).toBeLessThan(366 * 86_400_000);
    }
    const invoiced = new Map<string, Date>();
    for (const inv of DEMO_ACTIVITY.invoices) invoiced.set(inv.number, inv.credits ? creditNoteTime(invoiced.get(inv.credits)!) : times.get(inv.order)!.invoiced);
    for (const at of invoiced.values()) expect(at.getTime()).toBeLessThan(now.getTime());
    // Insights show months: orders approved and invoices sent in ten or more, several in most of them.
    const perMonth = (dates: Date[]) => [...dates.reduce((m, d) => m.set(month(d), (m.get(month(d)) ?? 0) + 1), new Map<string, number>()).values()];
    const orders = perMonth([...times.values()].map((t) => t.approved));
    const invoices = perMonth([...invoiced.values()]);
    expect(orders.length).toBeGreaterThanOrEqual(10);
    expect(invoices.length).toBeGreaterThanOrEqual(10);
    expect(orders.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(8);
    expect(invoices.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(6);
  });
});
