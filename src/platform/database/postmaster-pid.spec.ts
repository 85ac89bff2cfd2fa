import { parsePostmasterPid } from './postmaster-pid';

describe('parsePostmasterPid', () => {
  it('reads the pid, data directory, port and status PostgreSQL writes', () => {
    const text = '4242\n/srv/torg/.data/pg\n1764531000\n54329\n/tmp\n127.0.0.1\n  1234567     98765\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 4242, dataDir: '/srv/torg/.data/pg', port: 54329, status: 'ready' });
  });

  it('reads a file cut short while the server was starting', () => {
    expect(parsePostmasterPid('4242\n/srv/torg/.data/pg\n')).toEqual({ pid: 4242, dataDir: '/srv/torg/.data/pg', port: null, status: '' });
  });

  it('says nothing for an empty or garbled file', () => {
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('not a pid\n/x\n')).toBeNull();
    expect(parsePostmasterPid('-5\n/x\n')).toBeNull();
  });
});
