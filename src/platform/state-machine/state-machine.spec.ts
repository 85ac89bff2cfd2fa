import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { ErrorResult } from '../results/error-result';
import { AuditWriter, StateMachine } from './state-machine';

type Status = 'DRAFT' | 'SENT' | 'CANCELLED';
type Event = 'send' | 'cancel';
interface Order {
  id: number;
  status: Status;
  sentAt?: string;
}
class OrderStateError extends ErrorResult {
  errorCode = 'INVALID_STATE';
  constructor(
    readonly status: Status,
    message: string,
  ) {
    super();
    this.message = message;
  }
}
class OverBudget extends ErrorResult {
  errorCode = 'OVER_BUDGET';
  message = 'The order is over budget';
}

/** A transaction's context without a database: the helper only asks whether one is open. */
const context = (inTransaction = true) =>
  new RequestContext({ userId: 1, email: 'a@example.com', organisationId: 1, roles: [] }, { queryRunner: { isTransactionActive: inTransaction } } as unknown as EntityManager);

function orders() {
  const saved: Order[] = [];
  const audited: { action: string; entityType: string; entityId: string | number; data?: Record<string, unknown> }[] = [];
  const audit: AuditWriter = { record: async (_ctx, action, entityType, entityId, data) => void audited.push({ action, entityType, entityId, data }) };
  const machine = new StateMachine<Status, Event, Order, OrderStateError>(
    {
      table: { DRAFT: { send: 'SENT', cancel: 'CANCELLED' }, SENT: { cancel: 'CANCELLED' }, CANCELLED: {} },
      entityType: 'order',
      auditPrefix: 'order',
      done: { send: 'sent', cancel: 'cancelled' },
      describe: (o) => `Order ${o.id}`,
      refused: (o, _event, message) => new OrderStateError(o.status, message),
      save: async (_ctx, o) => saved.push({ ...o }),
    },
    audit,
  );
  return { machine, saved, audited };
}

describe('state machine helper', () => {
  it("writes with the step's own save when it has one, instead of the spec's, and still audits", async () => {
    const { machine, saved, audited } = orders();
    const own: Order[] = [];
    const order: Order = { id: 8, status: 'DRAFT' };
    await machine.fire(context(), order, 'send', { save: async (_ctx, o) => void own.push({ ...o }) });
    expect(own).toEqual([{ id: 8, status: 'SENT' }]);
    expect(saved).toEqual([]);
    expect(audited.map((a) => a.action)).toEqual(['order.sent']);
  });

  it('moves the entity, runs the effect, saves and writes the audit event itself', async () => {
    const { machine, saved, audited } = orders();
    const order: Order = { id: 7, status: 'DRAFT' };
    const result = await machine.fire(context(), order, 'send', { effect: (o, from, to) => void (o.sentAt = `${from}→${to}`), audit: { note: 'x' } });
    expect(result).toBe(order);
    expect(saved).toEqual([{ id: 7, status: 'SENT', sentAt: 'DRAFT→SENT' }]);
    expect(audited).toEqual([{ action: 'order.sent', entityType: 'order', entityId: 7, data: { from: 'DRAFT', to: 'SENT', note: 'x' } }]);
  });

  it('refuses a step the table does not allow with an ErrorResult naming the state and the event, writing nothing', async () => {
    const { machine, saved, audited } = orders();
    const effect = jest.fn();
    const result = await machine.fire(context(), { id: 8, status: 'CANCELLED' }, 'send', { effect });
    expect(result).toBeInstanceOf(OrderStateError);
    expect(result).toMatchObject({ errorCode: 'INVALID_STATE', status: 'CANCELLED', message: 'Order 8 is CANCELLED and cannot be sent' });
    expect(effect).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('returns a guard’s ErrorResult unchanged and leaves the entity as it was', async () => {
    const { machine, saved, audited } = orders();
    const order: Order = { id: 9, status: 'DRAFT' };
    const result = await machine.fire(context(), order, 'send', { guard: (_o, to) => (to === 'SENT' ? new OverBudget() : undefined) });
    expect(result).toBeInstanceOf(OverBudget);
    expect(order.status).toBe('DRAFT');
    expect(saved).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('refuses to run outside a transaction, where the state and its audit event could part', async () => {
    const { machine, saved } = orders();
    await expect(machine.fire(context(false), { id: 10, status: 'DRAFT' }, 'send')).rejects.toThrow('order send: a state transition must run inside a transaction');
    expect(saved).toEqual([]);
  });

  it('throws from force when the table refuses (a step the code takes itself)', async () => {
    const { machine } = orders();
    await expect(machine.force(context(), { id: 11, status: 'CANCELLED' }, 'cancel')).rejects.toThrow('order 11: Order 11 is CANCELLED and cannot be cancelled');
    await expect(machine.force(context(), { id: 12, status: 'SENT' }, 'cancel')).resolves.toMatchObject({ status: 'CANCELLED' });
  });

  it('answers next() from the table alone', () => {
    const { machine } = orders();
    expect(machine.next('SENT', 'cancel')).toBe('CANCELLED');
    expect(machine.next('SENT', 'send')).toBeNull();
  });
});
