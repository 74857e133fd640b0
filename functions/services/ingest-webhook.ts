// Use case: accept one Shoper webhook. Verify the signature over the raw bytes before anything else, parse the
// payload into its facts (once: planners read only these), store the event, put the facts on the `events` queue,
// answer fast. Deduplication happens in planning, by content.
import { createHash } from 'node:crypto';
import { AppError, badRequest, unauthorized } from '#domain/errors';
import { isSupportedEvent, parseShopEvent, payloadFitsEvent } from '#domain/shoper-events';
import type { Deps } from './deps';
import { safeEqualHex, webhookSignature } from './webhook-signature';
import { appWebhookSecret, panelWebhookSecret, webhookModeOf } from './webhook-secret';
import { migrateLegacyWebhooks } from './shop-setup';

export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export async function ingestWebhook(deps: Deps, request: WebhookRequest): Promise<{ accepted: true; event: string }> {
  const h = request.headers;
  const licence = h['x-shop-license']?.trim();
  const webhookId = h['x-webhook-id']?.trim();
  const signature = h['x-webhook-sha1']?.trim();
  const event = h['x-webhook-name']?.trim() ?? '';
  if (!licence || !webhookId || !signature) {
    throw unauthorized('WEBHOOK_SIGNATURE_MISSING', 'X-Shop-License, X-Webhook-Id and X-Webhook-SHA1 are required');
  }
  const shop = await deps.store.getShop(licence);
  if (!shop || shop.status !== 'installed') {
    throw unauthorized('WEBHOOK_SHOP_UNKNOWN', 'No installed shop with this licence');
  }
  const mode = webhookModeOf(deps, shop);
  const secret = mode === 'panel' ? await panelWebhookSecret(deps, licence) : await appWebhookSecret(deps, shop);
  if (!secret || !safeEqualHex(webhookSignature(webhookId, secret, request.rawBody), signature)) {
    throw unauthorized('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature does not match');
  }
  if (!isSupportedEvent(event)) {
    throw badRequest('WEBHOOK_EVENT_UNSUPPORTED', `Event "${event}" is not handled by this app`, 'X-Webhook-Name');
  }
  // The signature covers the webhook id, not the event name: in app mode the id names the one event it was
  // registered for, so a delivery replayed under another name is refused.
  const registeredFor = shop.webhookEvents?.[webhookId];
  if (mode === 'app' && shop.webhookEvents && registeredFor !== event) {
    throw unauthorized(
      'WEBHOOK_EVENT_MISMATCH',
      registeredFor
        ? `Webhook ${webhookId} was registered for ${registeredFor}, not for "${event}"`
        : `Webhook ${webhookId} is not one the app registered in this shop`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw badRequest('WEBHOOK_BODY_INVALID', 'The body is not valid JSON', 'body');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw badRequest('WEBHOOK_BODY_INVALID', 'The body must be a JSON object', 'body');
  }
  if (mode === 'panel') {
    // Panel webhooks share one secret for all events: the payload must fit the event it claims to be.
    const fits = payloadFitsEvent(event, payload as Record<string, unknown>);
    if (!fits.ok) throw badRequest('WEBHOOK_EVENT_MISMATCH', fits.message, fits.field);
  }
  const facts = parseShopEvent(event, payload);
  if (!facts.ok && facts.verdict === 'refused') throw badRequest('WEBHOOK_BODY_INVALID', facts.message, facts.field);
  const receivedAt = deps.clock.now().toISOString();
  const eventId = createHash('sha256').update(`${webhookId}\n${event}\n`).update(request.rawBody).digest('hex').slice(0, 40);
  await deps.store.putEvent(licence, eventId, receivedAt, event, request.rawBody.toString('utf8'));
  if (facts.ok) {
    await deps.eventsQueue.send({ shop: licence, receivedAt, ...facts.value });
  } else {
    // Its id is there, the rest cannot be read: kept (above) and logged, answered as accepted, nothing to plan.
    deps.logger.error('event payload not understood', { shop: licence, event, field: facts.field, reason: facts.message });
  }
  deps.logger.info('webhook accepted', { shop: licence, event });
  if (mode === 'app' && !shop.webhookEvents) {
    // Set up before one webhook per event (accepted without the id check): move it over. Never fails the delivery.
    await migrateLegacyWebhooks(deps, shop).catch((error: unknown) =>
      deps.logger.error('legacy webhook migration not queued', { shop: licence, error: String(error) }),
    );
  }
  return { accepted: true, event };
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
