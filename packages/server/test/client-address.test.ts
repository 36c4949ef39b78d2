import { clientAddress, proxyEntryProblem, trustedProxies } from '../src/client-address';

const proxies = trustedProxies(['10.0.0.0/8', '192.168.1.1', 'fd00::/8']);

describe('clientAddress', () => {
  test('with no trusted proxies the peer is the client, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(clientAddress(undefined, '198.51.100.1')).toBe('unknown');
  });

  test('an untrusted peer is the client even when it sends X-Forwarded-For', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
  });

  test('behind trusted proxies the rightmost untrusted entry is the client; what it invented to its left is ignored', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.1', '1.2.3.4, 198.51.100.1, 192.168.1.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.1', ['1.2.3.4', '198.51.100.1'], proxies)).toBe('198.51.100.1');
    expect(clientAddress('fd00::1', '2001:db8::7', proxies)).toBe('2001:db8::7');
  });

  test('all trusted: the leftmost; not an address: the walk stops at the last address seen', () => {
    expect(clientAddress('10.0.0.1', '10.1.2.3, 10.0.0.2', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.0.0.1', 'unknown, 10.0.0.2', proxies)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.1', '', proxies)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', undefined, proxies)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', 'unknown', proxies)).toBe('10.0.0.1');
    expect(clientAddress('::ffff:10.0.0.1', '::ffff:198.51.100.1', proxies)).toBe('198.51.100.1');
  });
});

describe('trustedProxies', () => {
  test('matches addresses and blocks, IPv4-mapped peers included', () => {
    expect(proxies('10.200.0.1')).toBe(true);
    expect(proxies('::ffff:192.168.1.1')).toBe(true);
    expect(proxies('192.168.1.2')).toBe(false);
    expect(proxies('fd12::1')).toBe(true);
    expect(proxies('not an address')).toBe(false);
  });

  test('names an entry that is neither an address nor a block', () => {
    expect(proxyEntryProblem('10.0.0.0/8')).toBeUndefined();
    expect(proxyEntryProblem('::1')).toBeUndefined();
    expect(proxyEntryProblem('10.0.0.0/33')).toMatch(/prefix length outside 0-32/);
    expect(proxyEntryProblem('proxy.internal')).toMatch(/not an IP address/);
    expect(() => trustedProxies(['10.0.0.0/x'])).toThrow(/10.0.0.0\/x/);
  });

  test('refuses a /0 block, which would let every client name its own address', () => {
    expect(proxyEntryProblem('0.0.0.0/0')).toMatch(/would trust every address/);
    expect(proxyEntryProblem('::/0')).toMatch(/would trust every address/);
    expect(() => trustedProxies(['10.0.0.0/8', '0.0.0.0/0'])).toThrow(/0.0.0.0\/0/);
  });
});
