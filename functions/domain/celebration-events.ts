// The occasions a date-celebration rule can follow and their names as the merchant sees them: a pure list the admin
// contract and the SPA read without the planning code (planning-celebrations.ts re-exports it).
import type { CelebrationEvent } from './model';

export const CELEBRATION_EVENTS = [
  'order-shipped',
  'first-order',
  'order-placed',
  'account-registered',
] as const satisfies readonly CelebrationEvent[];

/** The events' names as the merchant sees them in the rules table. */
export const CELEBRATION_EVENT_NAMES: Record<CelebrationEvent, { pl: string; en: string }> = {
  'order-shipped': { pl: 'Wysyłka zamówienia', en: 'Order shipped' },
  'first-order': { pl: 'Złożenie pierwszego zamówienia', en: 'First order placed' },
  'order-placed': { pl: 'Złożenie zamówienia', en: 'Order placed' },
  'account-registered': { pl: 'Rejestracja konta', en: 'Account registered' },
};
