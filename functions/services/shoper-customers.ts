// What the celebration planners ask Shoper about a client: marketing consent (the `newsletter` flag), whether an
// order is the client's first, an order by id, a registered client's phone. Asked, never guessed: a failure to
// ask throws, so the event goes back on the queue and is planned again later.
import * as z from 'zod/mini';
import '#domain/zod-mini';
import type { Shop } from '#domain/model';
import { parseOrder, type OrderFacts } from '#domain/shoper-events';
import type { Deps } from './deps';
import { createShoperClient, ShoperApiError, type ShoperClient } from './shoper-client';

const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

const UserRow = z.looseObject({ newsletter: z.optional(z.unknown()) });
const AddressRow = z.looseObject({
  phone: z.nullish(z.union([z.string(), z.number()])),
  country_code: z.nullish(z.string()),
  firstname: z.nullish(z.string()),
  lastname: z.nullish(z.string()),
  default: z.optional(z.unknown()),
});

export interface ClientContact {
  phone?: string;
  countryCode?: string;
  firstname?: string;
  lastname?: string;
}

const notFound = (error: unknown) => error instanceof ShoperApiError && error.code === 'SHOPER_NOT_FOUND';

export function shoperCustomers(deps: Deps, shop: Shop) {
  let client: ShoperClient | undefined;
  const api = () => (client ??= createShoperClient(deps, shop));

  return {
    /** Shoper's `newsletter` flag of a registered client; a guest (no account) has not consented. */
    async consentOf(userId: string | undefined): Promise<boolean> {
      if (!userId) return false;
      try {
        const user = UserRow.safeParse(await api().get<unknown>('users', userId));
        return user.success && flag(user.data.newsletter);
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },

    /**
     * True when the client has no earlier order in the shop: the same account, or for a guest the same e-mail.
     * Asking for orders with a lower id (rather than counting all) stays right if Shoper lists the new order late.
     */
    async isFirstOrder(order: OrderFacts): Promise<boolean> {
      const who = order.userId ? { user_id: order.userId } : order.email ? { email: order.email } : undefined;
      if (!who) return false;
      const earlier = /^\d+$/.test(order.orderId) ? { order_id: { '<': Number(order.orderId) } } : { order_id: { '!=': order.orderId } };
      const page = await api().list<unknown>('orders', { filters: { ...who, ...earlier }, limit: 1 });
      return Number(page.count) === 0;
    },

    /** The order as Shoper's REST API shows it (parcel.dispatch carries only the order's id); undefined if gone. */
    async order(orderId: string): Promise<OrderFacts | undefined> {
      let body: unknown;
      try {
        body = await api().get<unknown>('orders', orderId);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
      const parsed = parseOrder(body);
      if (!parsed.ok) throw new ShoperApiError('SHOPER_ORDER_UNREADABLE', `orders/${orderId}: ${parsed.field} ${parsed.message}`);
      return parsed.value;
    },

    /** Every phone in a registered client's address book, as written there (with the address's country). */
    async phonesOf(userId: string): Promise<{ phone: string; countryCode?: string }[]> {
      const rows = await api().listAll<unknown>('user-addresses', { filters: { user_id: userId } }, 2);
      return rows.flatMap((row) => {
        const a = AddressRow.safeParse(row);
        const phone = a.success && a.data.phone !== undefined && a.data.phone !== null ? String(a.data.phone).trim() : '';
        return phone ? [{ phone, countryCode: a.data!.country_code ?? undefined }] : [];
      });
    },

    /** A registered client's phone from the address book (Shoper keeps none on the user): the default first. */
    async contactOf(userId: string): Promise<ClientContact | undefined> {
      const rows = await api().listAll<unknown>('user-addresses', { filters: { user_id: userId } }, 2);
      const addresses = rows.flatMap((row) => {
        const a = AddressRow.safeParse(row);
        return a.success ? [a.data] : [];
      });
      const withPhone = addresses.filter((a) => a.phone !== undefined && a.phone !== null && String(a.phone).trim() !== '');
      const chosen = withPhone.find((a) => flag(a.default)) ?? withPhone[0];
      if (!chosen) return undefined;
      return {
        phone: String(chosen.phone),
        countryCode: chosen.country_code ?? undefined,
        firstname: chosen.firstname ?? undefined,
        lastname: chosen.lastname ?? undefined,
      };
    },
  };
}

export type ShoperCustomers = ReturnType<typeof shoperCustomers>;
