// The App Store side of Shoper: posts signed lifecycle events (install, uninstall, upgrade,
// billing) to the app's billing URL, `${appUrl}/shoper/appstore`.
import type { SimContext } from './context';
import { shoperDate, unixSeconds } from './format';
import { issueAuthCode } from './oauth';
import { appstoreHash } from './signing';
import type { LifecycleAction, SimShop } from './types';

export function lifecycleFields(
  ctx: SimContext,
  shop: SimShop,
  action: LifecycleAction,
  extra: Record<string, string> = {},
): Record<string, string> {
  const now = ctx.now();
  const fields: Record<string, string> = {
    action,
    shop: shop.licence,
    shop_url: shop.url,
    application_code: ctx.config.applicationCode,
    timestamp: ctx.appstore.timestampFormat === 'unix' ? unixSeconds(now) : shoperDate(now),
  };
  if (action === 'install') {
    fields.application_version = String(shop.applicationVersion);
    fields.auth_code = issueAuthCode(shop, now);
  }
  if (action === 'upgrade') fields.application_version = String(shop.applicationVersion);
  if (action === 'billing_subscription') {
    fields.subscription_end_time = shoperDate(new Date(now.getTime() + 30 * 24 * 3600 * 1000));
  }
  Object.assign(fields, extra);
  fields.hash = appstoreHash(fields, ctx.config.appstoreSecret);
  return fields;
}

export async function postLifecycle(ctx: SimContext, fields: Record<string, string>): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(`${ctx.config.appUrl}/shoper/appstore`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: `APP_UNREACHABLE ${(error as Error).message}` };
  }
}
