// The install's own state, above every tab: "Trwa konfiguracja sklepu…" while the app reads the catalogue and
// registers webhooks (polled until done), why an attempt failed and when the next one comes, a setup that gave up
// with "Spróbuj ponownie", and a shop that refused webhook creation and runs on App Store panel webhooks.
import { signal } from '@preact/signals-core';
import { useEffect, useState } from 'preact/hooks';
import { ShopStateResponse } from '#contracts/responses';
import { apiCall, ApiError } from '../api/client';
import { L } from '../i18n';
import { ADMIN } from '#contracts/admin';

export const shopState = signal<ShopStateResponse | undefined>(undefined);
const POLL_MS = 3000;

const clock = (iso: string) => new Date(iso).toLocaleTimeString(L('pl-PL', 'en-GB'), { hour: '2-digit', minute: '2-digit' });

export function SetupBanner() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = async () => {
      try {
        shopState.value = await apiCall(ADMIN.shop);
      } catch {
        // The tabs report API errors themselves; the banner keeps what it last knew.
      }
      if (!stopped && shopState.value?.setup.state === 'setting-up') timer = setTimeout(load, POLL_MS);
    };
    if (shopState.value?.setup.state === 'done') return undefined;
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Runs again when the state changes (a restarted setup is polled until it is done).
  }, [shopState.value?.setup.state]);

  const retry = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      shopState.value = await apiCall(ADMIN.retrySetup, { body: {} });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const state = shopState.value;
  if (!state) return null;
  const { setup, webhooks } = state;
  const retryButton = setup.canRetry ? (
    <button type="button" class="button button-primary" onClick={retry} disabled={busy} data-testid="setup-retry">
      {L('Spróbuj ponownie', 'Try again')}
    </button>
  ) : null;
  const failure = problem ? <p class="small">{problem}</p> : null;

  if (setup.state === 'setting-up') {
    return (
      <div class="alert alert-warning" role="status" data-testid="setup-state">
        <strong>{L('Trwa konfiguracja sklepu…', 'Setting up your shop…')}</strong>{' '}
        {L(
          'Aplikacja odczytuje statusy zamówień i rejestruje webhooki w Twoim sklepie. Zwykle trwa to kilka sekund; powiadomienia zaczną działać zaraz potem.',
          'The app is reading the order statuses and registering webhooks in your shop. This usually takes a few seconds; notifications start right after.',
        )}
        {setup.lastError ? (
          <p class="small">
            {L('Poprzednia próba nie udała się:', 'The last attempt failed:')} {setup.lastError.message}{' '}
            {L(
              `Ponowimy automatycznie${setup.nextAttemptAt ? ` około ${clock(setup.nextAttemptAt)}` : ''} (próba ${setup.attempts + 1} z ${setup.maxAttempts}).`,
              `We will retry automatically${setup.nextAttemptAt ? ` around ${clock(setup.nextAttemptAt)}` : ''} (attempt ${setup.attempts + 1} of ${setup.maxAttempts}).`,
            )}
          </p>
        ) : null}
        {retryButton}
        {failure}
      </div>
    );
  }
  if (setup.state === 'failed') {
    return (
      <div class="alert alert-error" role="alert" data-testid="setup-state">
        <strong>{L('Nie udało się dokończyć konfiguracji sklepu.', 'The shop setup could not be finished.')}</strong>{' '}
        {setup.lastError?.message}{' '}
        {L(
          `Próbowaliśmy ${setup.attempts} razy. Dopóki konfiguracja się nie uda, powiadomienia o zamówieniach nie są wysyłane. Sprawdź, czy sklep działa, i kliknij „Spróbuj ponownie”.`,
          `We tried ${setup.attempts} times. Until the setup succeeds, no order notifications are sent. Check that the shop is up and click "Try again".`,
        )}{' '}
        {retryButton}
        {failure}
      </div>
    );
  }
  if (webhooks.mode === 'panel' && webhooks.reason === 'refused') {
    return (
      <div class="alert alert-warning" role="status" data-testid="setup-webhooks">
        {L(
          'Sklep nie pozwolił aplikacji założyć webhooków (brak uprawnienia). Aplikacja odbiera więc zdarzenia ze sklepu przez webhooki skonfigurowane przez wydawcę aplikacji w Shoper App Store. Jeśli powiadomienia o zamówieniach nie przychodzą, skontaktuj się z obsługą aplikacji.',
          'The shop did not allow the app to create webhooks (missing permission). The app therefore receives the shop’s events through webhooks the publisher configured in the Shoper App Store. If order notifications do not arrive, contact the app’s support.',
        )}
      </div>
    );
  }
  return null;
}
