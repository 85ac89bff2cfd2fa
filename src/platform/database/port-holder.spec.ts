import { listeningInodes } from './port-holder';

describe('listeningInodes', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:D47F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 80211 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:D47F 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 80999 1 0000000000000000 20 4 30 10 -1',
    '   2: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 70000 1 0000000000000000 100 0 0 10 0',
  ].join('\n');

  it('finds the listening socket on the port (hex, state 0A) and not its connections', () => {
    expect(listeningInodes(table, 54399)).toEqual(['80211']);
    expect(listeningInodes(table, 3000)).toEqual(['70000']);
  });

  it('finds nothing on a port no one listens on', () => {
    expect(listeningInodes(table, 5432)).toEqual([]);
  });
});
