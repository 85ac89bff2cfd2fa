import { addressEntryProblem, addressMatcher, callerNetwork } from './address-list';

describe('address lists', () => {
  it('accepts addresses and CIDR ranges, and says what is wrong with anything else', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '::1', 'fc00::/7', '0.0.0.0/0']) expect(addressEntryProblem(ok)).toBeUndefined();
    expect(addressEntryProblem('localhost')).toBe('"localhost" is not an IP address or CIDR range');
    expect(addressEntryProblem('10.0.0.0/33')).toBe('"10.0.0.0/33": the prefix length is at most 32');
    expect(addressEntryProblem('::/129')).toBe('"::/129": the prefix length is at most 128');
    expect(addressEntryProblem('10.0.0.0/8/8')).toMatch(/not an IP address/);
  });

  it('matches IPv4, IPv4-mapped IPv6 and IPv6 callers against the list', () => {
    const allowed = addressMatcher(['127.0.0.0/8', '::1', '192.168.0.0/16', '2001:db8::/32']);
    expect(allowed('127.0.0.2')).toBe(true);
    expect(allowed('::ffff:127.0.0.1')).toBe(true);
    expect(allowed('::1')).toBe(true);
    expect(allowed('192.168.4.5')).toBe(true);
    expect(allowed('2001:db8::42')).toBe(true);
    expect(allowed('10.1.2.3')).toBe(false);
    expect(allowed('::ffff:8.8.8.8')).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed('not an address')).toBe(false);
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });

  it('counts IPv4 callers by address and IPv6 callers by their /64', () => {
    expect(callerNetwork('192.0.2.7')).toBe('192.0.2.7');
    expect(callerNetwork('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(callerNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(callerNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(callerNetwork('2001:0db8::7')).toBe('2001:db8:0:0::/64');
    expect(callerNetwork('::1')).toBe('0:0:0:0::/64');
    expect(callerNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
