// Whose request it is, for rate limits: an IPv4 address stands for itself, an IPv6 address for its /64 network
// (one subscriber line gets a whole /64 and can pick a fresh address from it for every request). Pure: the address
// forms are checked here, as node:net's isIPv4/isIPv6 check them (test/unit/domain/client-address.test.ts).

/**
 * The header CloudFront adds to every request it forwards to the API, carrying a per-deployment random secret: a
 * request without it did not come through CloudFront, so its viewer-address header is not to be trusted.
 * CloudFront replaces a viewer's own header of that name, so it cannot be passed through from outside.
 */
export const ORIGIN_SECRET_HEADER = 'x-origin-secret';

/** One decimal octet as dotted-quad notation writes it: 0–255, no leading zero. */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
/** A zone index after `%` (`fe80::1%eth0`). */
const ZONE = /%[0-9a-z.:-]+$/i;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/**
 * Full and `::`-shortened forms (at most one `::`), 1–4 hex digits a group, a dotted IPv4 tail in place of the last
 * two groups, an optional zone index.
 */
export function isIPv6(text: string): boolean {
  const address = text.replace(ZONE, '');
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = parts.flat();
  // A dotted IPv4 tail counts as two groups, and only at the very end (not before a closing `::`).
  const lastHalf = parts[parts.length - 1]!;
  const last = lastHalf[lastHalf.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !isIPv4(last)) return false;
  const hex = v4Tail ? all.slice(0, -1) : all;
  if (!hex.every((group) => HEX_GROUP.test(group))) return false;
  const groups = hex.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** The 8 groups of an IPv6 address, expanded (`::` filled in, an embedded IPv4 tail turned into two groups). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split('::');
  if (rest.length > 0) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  const groups = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * The rate-limit subject of a client address: IPv4 as it is; an IPv4-mapped IPv6 address as its IPv4; any other
 * IPv6 address as its /64 (`2001:db8:1:2::/64`). Anything else is returned unchanged.
 */
export function addressSubject(address: string): string {
  const trimmed = address.trim();
  if (isIPv4(trimmed)) return trimmed;
  if (!isIPv6(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  if (!groups) return trimmed;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
