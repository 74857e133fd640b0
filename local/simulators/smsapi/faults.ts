// Fault injection: which sms.do calls fail, how, and which numbers fail or go undelivered on purpose.
import type { FaultSettings, TransientFaultKind } from './types';

export const TRANSIENT_FAULT_KINDS: readonly TransientFaultKind[] = ['203', '500', '429', 'timeout', 'accepted-then-timeout'];

export function defaultFaults(): FaultSettings {
  return {
    transientRate: 0,
    transientKinds: ['203', '500', '429', 'timeout'],
    timeoutMs: 15000,
    failingSuffixes: { '13': 13 },
    undeliveredSuffixes: ['99'],
    unreachableSuffixes: [],
    forcedErrors: [],
    notifyUrlSingleRecipientOnly: false,
    reportIdx: false,
  };
}

export type FaultSettingsError = { code: 'SIM_FAULTS_INVALID'; field: string; message: string };

/** Merges a partial update into the current settings, refusing values that make no sense. */
export function mergeFaults(
  current: FaultSettings,
  patch: Partial<FaultSettings>,
): { ok: true; faults: FaultSettings } | { ok: false; error: FaultSettingsError } {
  const next: FaultSettings = { ...current, ...patch };
  const invalid = (field: string, message: string) => ({ ok: false, error: { code: 'SIM_FAULTS_INVALID', field, message } }) as const;
  if (typeof next.transientRate !== 'number' || !(next.transientRate >= 0 && next.transientRate <= 1)) {
    return invalid('transientRate', 'transientRate must be a number from 0 to 1');
  }
  if (!Array.isArray(next.transientKinds) || next.transientKinds.some((k) => !TRANSIENT_FAULT_KINDS.includes(k))) {
    return invalid('transientKinds', `transientKinds may hold only ${TRANSIENT_FAULT_KINDS.join(', ')}`);
  }
  if (typeof next.timeoutMs !== 'number' || !(next.timeoutMs >= 0)) {
    return invalid('timeoutMs', 'timeoutMs must be a number of milliseconds, 0 or more');
  }
  if (
    typeof next.failingSuffixes !== 'object' ||
    next.failingSuffixes === null ||
    Object.entries(next.failingSuffixes).some(([s, c]) => !/^[0-9]+$/.test(s) || !Number.isInteger(c))
  ) {
    return invalid('failingSuffixes', 'failingSuffixes maps digit suffixes to SMSAPI error codes, e.g. {"13": 13}');
  }
  if (!Array.isArray(next.undeliveredSuffixes) || next.undeliveredSuffixes.some((s) => !/^[0-9]+$/.test(s))) {
    return invalid('undeliveredSuffixes', 'undeliveredSuffixes is a list of digit suffixes, e.g. ["99"]');
  }
  if (!Array.isArray(next.unreachableSuffixes) || next.unreachableSuffixes.some((s) => !/^[0-9]+$/.test(s))) {
    return invalid('unreachableSuffixes', 'unreachableSuffixes is a list of digit suffixes, e.g. ["77"]');
  }
  if (!Array.isArray(next.forcedErrors) || next.forcedErrors.some((c) => !Number.isInteger(c) || c <= 0)) {
    return invalid('forcedErrors', 'forcedErrors is a list of SMSAPI error codes, e.g. [72, 401]');
  }
  if (typeof next.notifyUrlSingleRecipientOnly !== 'boolean') {
    return invalid('notifyUrlSingleRecipientOnly', 'notifyUrlSingleRecipientOnly must be true or false');
  }
  if (typeof next.reportIdx !== 'boolean') return invalid('reportIdx', 'reportIdx must be true or false');
  if (next.seed !== undefined && !Number.isFinite(next.seed)) {
    return invalid('seed', 'seed must be a number');
  }
  return { ok: true, faults: next };
}

/** mulberry32: a tiny seedable generator, so a test with a seed sees the same faults every run. */
export function makeRandom(seed?: number): () => number {
  if (seed === undefined) return Math.random;
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The transient fault this request suffers, if any. */
export function rollTransientFault(faults: FaultSettings, random: () => number): TransientFaultKind | null {
  if (faults.transientRate <= 0 || faults.transientKinds.length === 0) return null;
  if (random() >= faults.transientRate) return null;
  const index = Math.min(faults.transientKinds.length - 1, Math.floor(random() * faults.transientKinds.length));
  return faults.transientKinds[index] ?? null;
}

/** The error code configured for this number by its longest matching suffix. */
export function failingCodeFor(number: string, faults: FaultSettings): number | null {
  let best: { length: number; code: number } | null = null;
  for (const [suffix, code] of Object.entries(faults.failingSuffixes)) {
    if (number.endsWith(suffix) && (!best || suffix.length > best.length)) best = { length: suffix.length, code };
  }
  return best ? best.code : null;
}

export function isUnreachable(number: string, faults: FaultSettings): boolean {
  return faults.unreachableSuffixes.some((suffix) => number.endsWith(suffix));
}

export function isUndelivered(number: string, faults: FaultSettings): boolean {
  return faults.undeliveredSuffixes.some((suffix) => number.endsWith(suffix));
}
