// Whose request it is, for rate limits: an IPv4 address stands for itself, an IPv6 address for its /64 network
// (one subscriber line gets a whole /64 and can pick a fresh address from it for every request).
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The header CloudFront adds to every request it forwards to the API, carrying a per-deployment random secret: a
 * request without it did not come through CloudFront, so its viewer-address header is not to be trusted.
 * CloudFront replaces a viewer's own header of that name, so it cannot be passed through from outside.
 */
export const ORIGIN_SECRET_HEADER = 'x-origin-secret';

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
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
