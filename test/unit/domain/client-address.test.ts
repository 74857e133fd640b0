// The rate-limit subject of a client address, and the address forms it recognises: pure code (no node:net) that
// must agree with node:net on every form a viewer-address header can carry.
import * as net from 'node:net';
import { addressSubject, isIPv4, isIPv6 } from '#domain/client-address';

const SAMPLES = [
  // IPv4
  '203.0.113.7',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  '1.2.3',
  '1.2.3.4.5',
  '01.2.3.4',
  '1.2.3.04',
  '1.2.3.4 ',
  ' 1.2.3.4',
  '1..2.3',
  '1.2.3.-4',
  '1.2.3.4/24',
  'a.b.c.d',
  '',
  '.',
  '1.2.3.4.',
  // IPv6
  '::',
  '::1',
  '1::',
  '2001:db8::1',
  '2001:DB8:0:0:8:800:200C:417A',
  '2001:db8:0:0:8:800:200c:417a:1',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1::2:3:4:5:6:7',
  '1:2:3:4:5:6:7',
  ':::',
  '1:::2',
  '1::2::3',
  ':1::2',
  '1::2:',
  '12345::1',
  'g::1',
  '::ffff:192.0.2.1',
  '::192.0.2.1',
  '1:2:3:4:5:6:192.0.2.1',
  '1:2:3:4:5:6:7:192.0.2.1',
  '1:2:3:4:5:192.0.2.1',
  '::ffff:192.0.2.256',
  '::ffff:192.0.2',
  '192.0.2.1::',
  'fe80::1%eth0',
  'fe80::1%25',
  'fe80::1%',
  'fe80::1%eth 0',
  '%eth0',
  '2001:db8::1/64',
  '[2001:db8::1]',
  '2001:db8::1 ',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '0:0:0:0:0:0:0:0',
  '0000:0000:0000:0000:0000:0000:0000:0000',
  '00000::1',
  '1:2:3:4:5:6:7:8:9',
  '::1.2.3.4.5',
  // neither
  'localhost',
  'unknown',
  '2001:db8:zz::1',
  '-',
];

test.each(SAMPLES)('%j is recognised as node:net recognises it', (sample) => {
  expect({ v4: isIPv4(sample), v6: isIPv6(sample) }).toEqual({ v4: net.isIPv4(sample), v6: net.isIPv6(sample) });
});

test('an IPv4 address stands for itself, surrounding spaces dropped', () => {
  expect(addressSubject('203.0.113.7')).toBe('203.0.113.7');
  expect(addressSubject(' 203.0.113.7 ')).toBe('203.0.113.7');
});

test('an IPv6 address stands for its /64 network, in any of its spellings', () => {
  expect(addressSubject('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
  expect(addressSubject('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64');
  expect(addressSubject('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
  expect(addressSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(addressSubject('::1')).toBe('0:0:0:0::/64');
});

test('an IPv4-mapped IPv6 address stands for its IPv4 address', () => {
  expect(addressSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(addressSubject('::ffff:cb00:7107')).toBe('203.0.113.7');
});

test('anything that is not an address is returned unchanged', () => {
  for (const text of ['unknown', '1.2.3.256', '2001:db8::1::2', '', 'fe80::1%eth 0']) expect(addressSubject(text)).toBe(text.trim());
});
