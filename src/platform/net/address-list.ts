import { BlockList, isIP } from 'node:net';

/** One address (`192.0.2.7`, `::1`) or range in CIDR notation (`10.0.0.0/8`, `fc00::/7`). */
const ENTRY = /^([^/\s]+)(?:\/(\d{1,3}))?$/;

/** The reason an entry of an address list is not an address or CIDR range, or undefined when it is one. */
export function addressEntryProblem(entry: string): string | undefined {
  const match = ENTRY.exec(entry);
  const family = match ? isIP(match[1]) : 0;
  if (!match || !family) return `${JSON.stringify(entry)} is not an IP address or CIDR range`;
  if (match[2] !== undefined && Number(match[2]) > (family === 4 ? 32 : 128)) return `${JSON.stringify(entry)}: the prefix length is at most ${family === 4 ? 32 : 128}`;
  return undefined;
}

/**
 * Whether an address is on the list. Node's BlockList does the matching, IPv4 addresses that
 * arrive as IPv4-mapped IPv6 (`::ffff:127.0.0.1`, as a dual-stack server sees them) included.
 */
export function addressMatcher(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const family = address ? isIP(address) : 0;
    return family !== 0 && list.check(address!, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The network a caller's address stands for when counting requests: an IPv4 address itself
 * (IPv4-mapped IPv6 included), and for IPv6 the /64 it lies in, since one subscriber is handed
 * a whole /64 and could otherwise take a fresh address for every request.
 */
export function callerNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('%')[0].split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
