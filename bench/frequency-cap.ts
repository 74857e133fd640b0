// What the frequency cap costs the sender: DynamoDB requests per marketing SMS with the cap off and on (each SMS
// to a number with nothing in its window: the usual case), and what a capped message costs (no SMS, no SMSAPI call).
import { addCelebration, setUpShop, settle, type Stack } from './harness';
import { difference, figuresOf } from './meter';

export interface CapFigures {
  sms: number;
  /** Sender DynamoDB requests per SMS sent, cap off / on. */
  offPerSms: number;
  onPerSms: number;
  /** Sender DynamoDB requests per message the cap held back. */
  perCapped: number;
  capped: number;
}

const SLUG = 'bench-cap';

export async function runFrequencyCapScenario(stack: Stack, count = 20): Promise<CapFigures> {
  const { rt, meter } = stack;
  // Guests without consent rules: every order-placed celebration is a marketing SMS to the order's number.
  const { api } = await setUpShop(rt, SLUG, { requireMarketingConsent: false });
  await addCelebration(api, 'order-placed', 'Dziekujemy za zakupy w {shop_name}!', 0);

  const round = async (phone: (i: number) => string) => {
    const before = meter.snapshot();
    const outbox = rt.smsapi.outbox().length;
    for (let i = 0; i < count; i++) await rt.shop.placeOrder(SLUG, { phone: phone(i) });
    await settle(stack);
    return { sender: figuresOf(difference(before, meter.snapshot()), 'sender').ddbRequests, sms: rt.smsapi.outbox().length - outbox };
  };
  const setCap = (enabled: boolean) => api('PUT', '/api/settings', { limits: { frequencyCap: { enabled } } });

  await setCap(false);
  const off = await round((i) => `6019${String(i).padStart(5, '0')}`);
  await setCap(true);
  const on = await round((i) => `6029${String(i).padStart(5, '0')}`);
  // The same numbers again within 24 h: every one is capped.
  const held = await round((i) => `6029${String(i).padStart(5, '0')}`);
  return {
    sms: on.sms,
    offPerSms: off.sender / Math.max(1, off.sms),
    onPerSms: on.sender / Math.max(1, on.sms),
    perCapped: held.sender / count,
    capped: count - held.sms,
  };
}
