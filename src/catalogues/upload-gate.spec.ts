import { DomainError } from '../platform/errors/domain-error';
import { UploadGate } from './upload-gate';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('UploadGate', () => {
  it('refuses a supplier past its share with TOO_MANY_REQUESTS and the replica past its total with SERVICE_UNAVAILABLE', () => {
    const gate = new UploadGate(3, 2);
    gate.enter(1);
    gate.enter(1);
    expect(refusal(() => gate.enter(1))).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 10 } });
    expect(refusal(() => gate.enter(1)).message).toMatch(/Another catalogue upload of this supplier is running \(at most 2 at a time\)/);
    gate.enter(2);
    expect(refusal(() => gate.enter(3))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('gives the place back once, however often the release is called', () => {
    const gate = new UploadGate(1, 1);
    const leave = gate.enter(1);
    leave();
    leave();
    const again = gate.enter(2);
    expect(refusal(() => gate.enter(1)).code).toBe('SERVICE_UNAVAILABLE');
    again();
    gate.enter(1);
  });
});
