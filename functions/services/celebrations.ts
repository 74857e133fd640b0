// Use cases of "Celebrowanie dat" (manual 4.6): list the rules, add, edit, switch off ("Wyłącz") and delete one.
// Texts are checked like every template: the celebration placeholders only, within the SMS length limit.
import { createHash, randomUUID } from 'node:crypto';
import { decodeOffsetCursor, encodeOffsetCursor } from '#domain/cursor';
import { notFound } from '#domain/errors';
import type { Celebration } from '#domain/model';
import { CELEBRATION_EVENT_NAMES, CELEBRATION_EVENTS } from '#domain/planning-celebrations';
import { CELEBRATION_EXAMPLES } from '#domain/default-templates';
import { PLACEHOLDERS } from '#domain/placeholders';
import type { CelebrationBody, CelebrationPatch } from '#contracts/orders';
import type { Deps } from './deps';
import { assertValidTemplate } from './templates';
import { withDefaults } from '#domain/settings';
import { shortLinkBase } from './short-links';

const view = (c: Celebration) => ({ ...c, eventName: CELEBRATION_EVENT_NAMES[c.event] });

async function checkText(deps: Deps, shop: string, text: string) {
  const [smsapi, settings] = await Promise.all([deps.store.getSmsapi(shop), deps.store.getSettings(shop)]);
  assertValidTemplate('celebration', text, {
    maxParts: deps.config.SMSAPI_MAX_PARTS,
    replaceSpecialCharacters: smsapi?.replaceSpecialCharacters,
    linkBase: shortLinkBase(deps.config),
    autoStopLink: withDefaults(settings).autoStopLink,
  });
}

const missing = (id: string) => notFound('CELEBRATION_NOT_FOUND', `Nie ma reguły celebrowania dat o identyfikatorze ${id}`);

/** Oldest first (the order they were added); also what the form needs: the events, placeholders, examples. */
export async function listCelebrations(deps: Deps, shop: string, page: { limit: number; cursor?: string }) {
  const all = await deps.store.listCelebrations(shop);
  const offset = decodeOffsetCursor(page.cursor);
  const items = all.slice(offset, offset + page.limit);
  const next = offset + items.length;
  return {
    items: items.map(view),
    total: all.length,
    ...(next < all.length ? { cursor: encodeOffsetCursor(next) } : {}),
    events: CELEBRATION_EVENTS.map((event) => ({ event, name: CELEBRATION_EVENT_NAMES[event] })),
    placeholders: PLACEHOLDERS.celebration,
    examples: CELEBRATION_EXAMPLES,
  };
}

/** The manual's three ready rules (4.6), in the order the manual lists them. */
export const SEEDED_CELEBRATION_EVENTS = ['order-shipped', 'first-order', 'account-registered'] as const;

/**
 * A new shop starts with the manual's three example rules, switched off: they are marketing messages, so the
 * owner reads them and turns them on ("Włącz") knowingly, rather than paying for SMS nobody asked for.
 * Only for a shop without rules; ids are derived from the shop, so a repeated install adds nothing twice.
 */
export async function seedExampleCelebrations(deps: Deps, shop: string): Promise<number> {
  if ((await deps.store.listCelebrations(shop)).length > 0) return 0;
  const at = deps.clock.now();
  let added = 0;
  for (const [index, event] of SEEDED_CELEBRATION_EVENTS.entries()) {
    const example = CELEBRATION_EXAMPLES.find((e) => e.event === event)!;
    // One millisecond apart: the list shows them oldest first, in the manual's order.
    const createdAt = new Date(at.getTime() + index).toISOString();
    await deps.store.putCelebration(shop, {
      id: createHash('sha256').update(`${shop}|example|${event}`).digest('hex').slice(0, 32),
      event,
      delayDays: example.delayDays,
      text: example.text,
      active: false,
      createdAt,
      updatedAt: createdAt,
    });
    added++;
  }
  return added;
}

export async function addCelebration(deps: Deps, shop: string, body: CelebrationBody) {
  await checkText(deps, shop, body.text);
  const at = deps.clock.now().toISOString();
  const celebration: Celebration = {
    id: randomUUID().replace(/-/g, ''),
    event: body.event,
    delayDays: body.delayDays,
    text: body.text,
    active: body.active,
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.putCelebration(shop, celebration);
  return view(celebration);
}

export async function changeCelebration(deps: Deps, shop: string, id: string, patch: CelebrationPatch) {
  const existing = await deps.store.getCelebration(shop, id);
  if (!existing) throw missing(id);
  if (patch.text !== undefined) await checkText(deps, shop, patch.text);
  const updated: Celebration = {
    ...existing,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    id: existing.id,
    createdAt: existing.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putCelebration(shop, updated);
  return view(updated);
}

/** Jobs already planned by the rule stay in "Zaplanowane wysyłki", where the merchant may delete them. */
export async function removeCelebration(deps: Deps, shop: string, id: string) {
  if (!(await deps.store.deleteCelebration(shop, id))) throw missing(id);
  return { id, deleted: true as const };
}
