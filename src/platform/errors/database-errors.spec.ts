import { QueryFailedError } from 'typeorm';
import { databaseErrorToDomain } from './database-errors';
import { HTTP_STATUS } from './domain-error';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const statusOf = (e: unknown) => {
  const d = databaseErrorToDomain(e);
  return d ? HTTP_STATUS[d.code] : null;
};

describe('databaseErrorToDomain', () => {
  it('turns timeouts and a full pool into 503 and lock waits into 409, with a Retry-After', () => {
    const timeout = new QueryFailedError('SELECT 1', [], pgError('57014', 'canceling statement due to statement timeout'));
    expect(statusOf(timeout)).toBe(503);
    expect(databaseErrorToDomain(timeout)!.details).toEqual({ retryAfterSeconds: 5 });
    expect(statusOf(new QueryFailedError('SELECT 1', [], pgError('55P03', 'canceling statement due to lock timeout')))).toBe(409);
    expect(statusOf(pgError('25P03', 'terminating connection due to idle-in-transaction timeout'))).toBe(503);
    expect(statusOf(new Error('timeout exceeded when trying to connect'))).toBe(503);
    expect(databaseErrorToDomain(new Error('timeout exceeded when trying to connect'))!.message).toMatch(/Every database connection is busy/);
    const notOpened = new Error('Connection terminated due to connection timeout');
    expect(statusOf(notOpened)).toBe(503);
    expect(databaseErrorToDomain(notOpened)!.message).toMatch(/new database connection could not be opened in time/);
    expect(statusOf(pgError('40P01', 'deadlock detected'))).toBe(409);
    const lost = new Error('The transaction lost its database connection before its deferred rows (audit events, outbox messages) were written; nothing was committed');
    expect(statusOf(lost)).toBe(503);
    expect(databaseErrorToDomain(lost)!.message).toMatch(/connection was lost; nothing was changed/);
  });

  it('answers a duplicate created by a concurrent request (unique or exclusion violation) with 409, not 500', () => {
    const duplicate = new QueryFailedError('INSERT …', [], pgError('23505', 'duplicate key value violates unique constraint "cost_centre_code"'));
    expect(statusOf(duplicate)).toBe(409);
    expect(databaseErrorToDomain(duplicate)!.message).toMatch(/concurrent request has just created the same thing/);
    expect(statusOf(pgError('23P01', 'conflicting key value violates exclusion constraint'))).toBe(409);
  });

  it('leaves programming errors alone (they stay internal errors and are logged)', () => {
    expect(databaseErrorToDomain(new QueryFailedError('SELEC 1', [], pgError('42601', 'syntax error')))).toBeNull();
    expect(databaseErrorToDomain(new TypeError('x is undefined'))).toBeNull();
    expect(databaseErrorToDomain('a string')).toBeNull();
  });
});
