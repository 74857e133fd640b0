// Prints the known dependency-rule violations (.dependency-cruiser-known-violations.json): the work left, shown on
// every `npm run check:deps` so the list stays in sight. The check itself fails only on violations not listed there.
import { readFileSync } from 'node:fs';

const known = JSON.parse(readFileSync(new URL('../../.dependency-cruiser-known-violations.json', import.meta.url), 'utf8'));
if (known.length > 0) {
  process.stdout.write(`Known violations still to remove (${known.length}, see docs/architecture.md):\n`);
  for (const v of known) {
    const path = v.type === 'cycle' ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`;
    process.stdout.write(`  ${v.rule.name}: ${path}\n`);
  }
}
