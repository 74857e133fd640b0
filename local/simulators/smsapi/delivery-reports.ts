// Moves accepted SMS through QUEUE -> SENT -> DELIVERED/UNDELIVERED on the simulator's clock and calls
// notify_url the way SMSAPI does: GET, up to five reports per call, values comma-separated, answer "OK". The fields
// are the documented ones (MsgId, status, donedate, username, points, from, to: erigones/esdc-ce); `idx` only when
// the reportIdx fault setting asks for it, since no public source shows it.
import { isUndelivered, isUnreachable } from './faults';
import { maskNumber } from './phone-numbers';
import type { SimulatorStore, SmsRecord } from './store';
import type { FaultSettings } from './types';

const TICK_MS = 50;
const REPORTS_PER_CALL = 5;
const CALLBACK_TIMEOUT_MS = 5000;
/** Waits before the 2nd, 3rd and 4th attempt; after that the report is dropped (SMSAPI also gives up). */
const RETRY_DELAYS_MS = [500, 1500, 4500];

// SMSAPI delivery status codes (PROTOCOLS.md: 404 DELIVERED, 405 UNDELIVERED).
const STATUS_CODE = { DELIVERED: 404, UNDELIVERED: 405, EXPIRED: 402 } as const;
/** How long an SMS without expiration_date waits for an unreachable phone (SMSAPI's longest validity). */
const DEFAULT_VALIDITY_MS = 72 * 60 * 60 * 1000;

export interface DeliveryOptions {
  store: SimulatorStore;
  now: () => Date;
  reportDelayMs: number;
  faults: () => FaultSettings;
}

export class DeliveryWorker {
  private ticker: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly calls = new Set<Promise<void>>();

  constructor(private readonly options: DeliveryOptions) {}

  start(): void {
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.calls]);
  }

  /** Forget reports waiting for a retry (the outbox they belong to was cleared). */
  forgetPending(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.inFlight.clear();
  }

  tick(): void {
    const { store, now, reportDelayMs, faults } = this.options;
    const at = now();
    const t = at.getTime();
    let changed = false;
    for (const sms of store.outbox) {
      // A phone that is off never takes it: at its expiration_date (or after SMSAPI's 72 h) the SMS expires and the
      // report says 402 EXPIRED. A reachable phone takes it within reportDelayMs of the send, long before any expiry
      // (at least 15 minutes), even when the clock is moved forward by days in one step.
      const expiresAt = sms.expiresAt ? Date.parse(sms.expiresAt) : Date.parse(sms.scheduledFor ?? sms.createdAt) + DEFAULT_VALIDITY_MS;
      if ((sms.status === 'QUEUE' || sms.status === 'SENT') && expiresAt <= t && isUnreachable(sms.to, faults())) {
        sms.status = 'EXPIRED';
        sms.doneAt = at.toISOString();
        if (sms.notifyUrl) sms.reportPending = true;
        changed = true;
        continue;
      }
      if (sms.status === 'QUEUE' && (!sms.scheduledFor || Date.parse(sms.scheduledFor) <= t)) {
        sms.status = 'SENT';
        sms.deliverAt = new Date(t + reportDelayMs).toISOString();
        changed = true;
      }
      if (sms.status === 'SENT' && sms.deliverAt && Date.parse(sms.deliverAt) <= t && !isUnreachable(sms.to, faults())) {
        sms.status = isUndelivered(sms.to, faults()) ? 'UNDELIVERED' : 'DELIVERED';
        sms.doneAt = at.toISOString();
        if (sms.notifyUrl) sms.reportPending = true;
        changed = true;
      }
    }
    if (changed) store.changed();
    this.dispatchPending();
  }

  private dispatchPending(): void {
    const byUrl = new Map<string, SmsRecord[]>();
    for (const sms of this.options.store.outbox) {
      if (!sms.reportPending || !sms.notifyUrl || this.inFlight.has(sms.id)) continue;
      const batch = byUrl.get(sms.notifyUrl) ?? [];
      batch.push(sms);
      byUrl.set(sms.notifyUrl, batch);
    }
    for (const [url, reports] of byUrl) {
      for (let i = 0; i < reports.length; i += REPORTS_PER_CALL) {
        const chunk = reports.slice(i, i + REPORTS_PER_CALL);
        for (const sms of chunk) this.inFlight.add(sms.id);
        this.track(this.deliver(url, chunk, 0));
      }
    }
  }

  private track(call: Promise<void>): void {
    this.calls.add(call);
    void call.finally(() => this.calls.delete(call));
  }

  private async deliver(notifyUrl: string, chunk: SmsRecord[], attempt: number): Promise<void> {
    if (this.abort.signal.aborted) return;
    let outcome: string;
    try {
      const response = await fetch(reportUrl(notifyUrl, chunk, this.options.faults().reportIdx), {
        method: 'GET',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]),
      });
      const body = (await response.text()).trim();
      if (response.ok && body === 'OK') {
        for (const sms of chunk) {
          sms.reportPending = false;
          this.inFlight.delete(sms.id);
        }
        this.options.store.changed();
        return;
      }
      outcome = `HTTP ${response.status}, body ${JSON.stringify(body.slice(0, 60))}`;
    } catch (err) {
      if (this.abort.signal.aborted) return;
      outcome = (err as Error).message;
    }
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      for (const sms of chunk) {
        sms.reportPending = false;
        this.inFlight.delete(sms.id);
      }
      this.options.store.changed();
      console.warn(
        JSON.stringify({
          level: 'WARN',
          source: 'smsapi-simulator',
          code: 'SIM_REPORT_CALLBACK_GAVE_UP',
          attempts: attempt + 1,
          outcome,
          recipients: chunk.map((s) => maskNumber(s.to)),
        }),
      );
      return;
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.track(this.deliver(notifyUrl, chunk, attempt + 1));
    }, delay);
    this.retryTimers.add(timer);
  }
}

function reportUrl(notifyUrl: string, chunk: SmsRecord[], withIdx: boolean): string {
  const url = new URL(notifyUrl);
  const field = (pick: (sms: SmsRecord) => string | number) => chunk.map(pick).join(',');
  const status = (sms: SmsRecord) => (sms.status === 'UNDELIVERED' || sms.status === 'EXPIRED' ? sms.status : 'DELIVERED');
  url.searchParams.set(
    'MsgId',
    field((s) => s.id),
  );
  url.searchParams.set(
    'status',
    field((s) => STATUS_CODE[status(s)]),
  );
  if (withIdx)
    url.searchParams.set(
      'idx',
      field((s) => s.idx ?? ''),
    );
  url.searchParams.set(
    'donedate',
    field((s) => Math.floor(Date.parse(s.doneAt ?? s.createdAt) / 1000)),
  );
  url.searchParams.set(
    'username',
    field((s) => s.account),
  );
  url.searchParams.set(
    'points',
    field((s) => s.points),
  );
  url.searchParams.set(
    'from',
    field((s) => s.from),
  );
  url.searchParams.set(
    'to',
    field((s) => s.to),
  );
  return url.toString();
}
