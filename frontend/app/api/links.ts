// Short links as the SPA needs them: their settings (the composer counts links at their real length and shows the
// opt-out line marketing SMS get) and what the messages brought back (Statystyki).
import { signal } from '@preact/signals-core';
import { LinkSettings, LinkSettingsBody, LinksResponse } from '#contracts/links';
import { apiCall, checkRequest } from './client';
import { ADMIN } from '#contracts/admin';

export const linkSettings = signal<LinkSettings | undefined>(undefined);
let loading: Promise<LinkSettings | undefined> | undefined;

/** Loads the link settings once (the composers ask on first draw); a failure leaves the default counting. */
export function ensureLinkSettings(): void {
  if (linkSettings.value || loading) return;
  loading = apiCall(ADMIN.linkSettings)
    .then((settings) => (linkSettings.value = settings))
    .catch(() => undefined)
    .finally(() => (loading = undefined));
}

export async function saveLinkSettings(patch: LinkSettingsBody): Promise<LinkSettings> {
  const saved = await apiCall(ADMIN.saveLinkSettings, { body: checkRequest(LinkSettingsBody, patch) });
  linkSettings.value = saved;
  return saved;
}

export const loadLinkResults = (): Promise<LinksResponse> => apiCall(ADMIN.links);
