// Reads what the app needs to know of a shop from its REST API: name, order statuses (custom ones included,
// with Polish and English names), shippings and currencies. Kept on the shop record for planning.
import * as z from 'zod';
import type { OrderStatusInfo, Shop } from '#domain/model';
import type { ShoperClient } from './shoper-client';

const text = z.union([z.string(), z.number()]).transform(String);
const flag = z.union([z.boolean(), z.string(), z.number()]).transform((v) => v === true || v === '1' || v === 1);
const Translations = z.record(z.string(), z.object({ name: z.string().optional() }).passthrough()).optional();

const StatusRow = z.object({ status_id: text, active: flag.optional(), default: flag.optional(), type: z.coerce.number().optional(), translations: Translations, name: z.string().optional() }).passthrough();
const ShippingRow = z.object({ shipping_id: text, name: z.string().optional(), translations: Translations }).passthrough();
const CurrencyRow = z.object({ currency_id: text, name: z.string(), default: flag.optional() }).passthrough();
const AppConfig = z.object({ shop_name: z.string().optional() }).passthrough();

const nameIn = (translations: z.infer<typeof Translations>, locale: string) =>
  translations?.[locale]?.name ?? Object.entries(translations ?? {}).find(([k]) => k.startsWith(locale.slice(0, 2)))?.[1]?.name;

export async function readShopCatalogue(client: ShoperClient): Promise<Pick<Shop, 'shopName' | 'statuses' | 'shippings' | 'currencies' | 'defaultCurrency'>> {
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
    return [{ statusId: s.data.status_id, name: pl, nameEn: nameIn(s.data.translations, 'en_US'), type: s.data.type, active: s.data.active ?? true, isDefault: s.data.default }];
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
