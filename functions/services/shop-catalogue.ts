// Reads what the app needs to know of a shop from its REST API: name, order statuses (custom ones included,
// with Polish and English names), shippings and currencies. Kept on the shop record for planning.
import * as z from 'zod/mini';
import '#domain/zod-mini';
import type { OrderStatusInfo, Shop } from '#domain/model';
import type { ShoperClient } from './shoper-client';

// Each schema in a pure IIFE: zod's calls at module top level would otherwise stay in every bundle that imports this
// module (the webhooks function does, for shop setup), used or not.
const text = /* @__PURE__ */ (() => z.pipe(z.union([z.string(), z.number()]), z.transform(String)))();
const flag = /* @__PURE__ */ (() =>
  z.pipe(
    z.union([z.boolean(), z.string(), z.number()]),
    z.transform((v) => v === true || v === '1' || v === 1),
  ))();
const Translations = /* @__PURE__ */ (() => z.optional(z.record(z.string(), z.looseObject({ name: z.optional(z.string()) }))))();

const StatusRow = /* @__PURE__ */ (() =>
  z.looseObject({
    status_id: text,
    active: z.optional(flag),
    default: z.optional(flag),
    type: z.optional(z.coerce.number()),
    translations: Translations,
    name: z.optional(z.string()),
  }))();
const ShippingRow = /* @__PURE__ */ (() =>
  z.looseObject({ shipping_id: text, name: z.optional(z.string()), translations: Translations }))();
const CurrencyRow = /* @__PURE__ */ (() => z.looseObject({ currency_id: text, name: z.string(), default: z.optional(flag) }))();
const AppConfig = /* @__PURE__ */ (() => z.looseObject({ shop_name: z.optional(z.string()) }))();

const nameIn = (translations: z.infer<typeof Translations>, locale: string) =>
  translations?.[locale]?.name ?? Object.entries(translations ?? {}).find(([k]) => k.startsWith(locale.slice(0, 2)))?.[1]?.name;

export async function readShopCatalogue(
  client: ShoperClient,
): Promise<Pick<Shop, 'shopName' | 'statuses' | 'shippings' | 'currencies' | 'defaultCurrency'>> {
  const [config, statuses, shippings, currencies] = await Promise.all([
    client.get<unknown>('application-config').catch(() => undefined),
    client.listAll<unknown>('statuses'),
    client.listAll<unknown>('shippings'),
    client.listAll<unknown>('currencies'),
  ]);
  const parsedStatuses: OrderStatusInfo[] = statuses.flatMap((row) => {
    const s = StatusRow.safeParse(row);
    if (!s.success) return [];
    const pl = nameIn(s.data.translations, 'pl_PL') ?? s.data.name ?? `#${s.data.status_id}`;
    return [
      {
        statusId: s.data.status_id,
        name: pl,
        nameEn: nameIn(s.data.translations, 'en_US'),
        type: s.data.type,
        active: s.data.active ?? true,
        isDefault: s.data.default,
      },
    ];
  });
  const parsedCurrencies = currencies.flatMap((row) => {
    const c = CurrencyRow.safeParse(row);
    return c.success ? [{ currencyId: c.data.currency_id, name: c.data.name, isDefault: c.data.default }] : [];
  });
  return {
    shopName: AppConfig.safeParse(config).data?.shop_name,
    statuses: parsedStatuses,
    shippings: shippings.flatMap((row) => {
      const s = ShippingRow.safeParse(row);
      return s.success ? [{ shippingId: s.data.shipping_id, name: nameIn(s.data.translations, 'pl_PL') ?? s.data.name ?? '' }] : [];
    }),
    currencies: parsedCurrencies.map(({ currencyId, name }) => ({ currencyId, name })),
    defaultCurrency: parsedCurrencies.find((c) => c.isDefault)?.name ?? parsedCurrencies[0]?.name,
  };
}
