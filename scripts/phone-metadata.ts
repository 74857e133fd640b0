// Generates functions/domain/phone-metadata.json: libphonenumber-js's full ("max") metadata cut down to the
// countries the app sends SMS to. The full set (245 countries) is most of a Lambda bundle; these are the
// countries a Polish shop's customers live in. Run: npx tsx scripts/phone-metadata.ts (a unit test checks the
// committed file matches the installed libphonenumber-js).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** EU and EEA, Switzerland, the United Kingdom, Ukraine, the United States and Canada. */
export const PHONE_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'CH', 'GB', 'UA', 'US', 'CA',
] as const;

interface Metadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

export function phoneMetadata(): Metadata {
  const full = require('libphonenumber-js/metadata.max.json') as Metadata;
  const keep = new Set<string>(PHONE_COUNTRIES);
  const codes: Record<string, string[]> = {};
  for (const [code, countries] of Object.entries(full.country_calling_codes)) {
    const kept = countries.filter((c) => keep.has(c));
    if (kept.length === 0) continue;
    // A shared calling code is described by its first ("main") country: keep that one whatever it is.
    codes[code] = countries.filter((c, i) => i === 0 || keep.has(c));
  }
  const countries = Object.fromEntries(
    Object.values(codes)
      .flat()
      .map((c) => [c, full.countries[c]]),
  );
  return { version: full.version, country_calling_codes: codes, countries };
}

if (require.main === module) {
  const file = join(__dirname, '..', 'functions', 'domain', 'phone-metadata.json');
  writeFileSync(file, `${JSON.stringify(phoneMetadata())}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
