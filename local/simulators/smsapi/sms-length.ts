// Counts SMS parts the way the network does: GSM-7 (160/153 septets) or UCS-2 (70/67 UTF-16 units).
import type { SmsEncoding } from './types';

// 3GPP TS 23.038 default alphabet (one septet each) and its extension table (escape + char = two septets).
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

export interface SmsLength {
  encoding: SmsEncoding;
  /** septets for GSM-7, UTF-16 code units for UCS-2 */
  units: number;
  parts: number;
}

/** Unit cost of each character, or null when the text cannot be written in GSM-7. */
function gsmCosts(text: string): number[] | null {
  const costs: number[] = [];
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) costs.push(1);
    else if (GSM_EXTENSION.has(ch)) costs.push(2);
    else return null;
  }
  return costs;
}

function ucs2Costs(text: string): number[] {
  // for..of walks code points, so a surrogate pair is one indivisible item of cost 2.
  return Array.from(text, (ch) => ch.length);
}

/** Packs indivisible items into parts of `perPart` units, never splitting an item. */
function countParts(costs: number[], single: number, perPart: number): number {
  const total = costs.reduce((sum, c) => sum + c, 0);
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      parts += 1;
      used = cost;
    } else {
      used += cost;
    }
  }
  return parts;
}

export function smsLength(text: string): SmsLength {
  const gsm = gsmCosts(text);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const costs = gsm ?? ucs2Costs(text);
  const { single, multi } = LIMITS[encoding];
  return {
    encoding,
    units: costs.reduce((sum, c) => sum + c, 0),
    parts: countParts(costs, single, multi),
  };
}
