// SMSAPI's normalize=1: replace Polish and other diacritic letters (and typographic punctuation)
// with plain equivalents so a message fits GSM-7. Kept here, not shared: the simulator is an outside party.

// Letters that Unicode decomposition does not simplify (Ł has no combining-mark form) and punctuation.
const EXPLICIT: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function normalizeMessage(text: string): string {
  let out = '';
  for (const ch of text) {
    const explicit = EXPLICIT[ch];
    if (explicit !== undefined) {
      out += explicit;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(COMBINING_MARKS, '');
    out += stripped.length > 0 ? stripped : ch;
  }
  return out;
}
