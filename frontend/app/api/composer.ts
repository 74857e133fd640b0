// The shop's own values at their longest (the longest product name, status and shipping names…), read once per
// session when the first message box shows: the worst-case count under every box uses them.
import { signal } from '@preact/signals-core';
import { LongestValuesResponse } from '#contracts/composer';
import type { ShopLongestValues } from '#domain/worst-case';
import { apiCall } from './client';
import { ADMIN } from '#contracts/admin';

export const longestValues = signal<LongestValuesResponse | undefined>(undefined);
// biome-ignore lint/correctness/noUnusedVariables: read by `??=` below (the request starts once)
let loading: Promise<void> | undefined;

/** Starts the read once; until it answers, the kind's samples stand in for the shop's values. */
export function loadLongestValues(): void {
  loading ??= apiCall(ADMIN.longestValues).then(
    (answer) => {
      longestValues.value = answer;
    },
    () => {
      // The count falls back to samples; a later box tries again.
      loading = undefined;
    },
  );
}

export const shopLongestValues = (): ShopLongestValues => (longestValues.value?.values ?? {}) as ShopLongestValues;
