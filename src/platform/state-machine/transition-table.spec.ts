import { nextState, refusalMessage, TransitionTable } from './transition-table';

type Door = 'OPEN' | 'CLOSED' | 'LOCKED';
type DoorEvent = 'open' | 'close' | 'lock' | 'unlock';
const DOOR: TransitionTable<Door, DoorEvent> = {
  OPEN: { close: 'CLOSED' },
  CLOSED: { open: 'OPEN', lock: 'LOCKED' },
  LOCKED: { unlock: 'CLOSED' },
};

describe('transition tables', () => {
  it('gives the next state for an allowed event', () => {
    expect(nextState(DOOR, 'CLOSED', 'lock')).toBe('LOCKED');
    expect(nextState(DOOR, 'LOCKED', 'unlock')).toBe('CLOSED');
  });
  it('gives null for an event the state does not allow', () => {
    expect(nextState(DOOR, 'OPEN', 'lock')).toBeNull();
    expect(nextState(DOOR, 'LOCKED', 'open')).toBeNull();
  });
  it('words a refusal with the state and the event', () => {
    expect(refusalMessage('Door 3', 'LOCKED', 'opened')).toBe('Door 3 is LOCKED and cannot be opened');
  });
});
