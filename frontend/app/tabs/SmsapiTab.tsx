// "Konto SMSAPI" (manual 4.1): connect (a pasted API token first; OAuth in a new window when the publisher has an
// SMSAPI OAuth client), login and points or the account type, the sender drop-down of ACTIVE names,
// "Zastąp znaki specjalne w powiadomieniach", Zapisz, and the integration test.
import { useEffect, useState } from 'preact/hooks';
import { OAuthCompleteBody, SmsapiSettingsBody, SmsapiTestBody } from '#contracts/smsapi';
import { apiCall, ApiError, checkRequest, errorMessage } from '../api/client';
import { accountTypeLabel, refreshSmsapiState, smsapiState } from '../api/account';
import { FieldLine, Checkbox, FormError, Intro, SaveBar, Loading, LoadFailed } from '../components/ui';
import { useForm } from '../form';
import { formatNumber, L } from '../i18n';
import { notify } from '../notify';
import { adjustIframeSize } from '../shoper-sdk';
import { ADMIN } from '#contracts/admin';

export const SMSAPI_REGISTRATION_URL = 'https://www.smsapi.pl/rejestracja';
/** Where SMSAPI users generate an API token (SMSAPI panel: Ustawienia API -> Tokeny API). */
export const SMSAPI_TOKENS_URL = 'https://ssl.smsapi.pl/react/oauth/manage';

/** After SMSAPI's consent, the app window (which holds the session) completes the connection with code and state. */
async function completeOAuth(data: { result?: string; code?: string; state?: string }, onChanged: () => void) {
  if (data.result !== 'authorized' || !data.code || !data.state) {
    if (data.result === 'denied')
      notify(
        L('Odmówiono dostępu do konta SMSAPI — nic nie zmieniono', 'Access to the SMSAPI account was denied; nothing changed'),
        'error',
      );
    onChanged();
    return;
  }
  try {
    const body = checkRequest(OAuthCompleteBody, { code: data.code, state: data.state });
    await apiCall(ADMIN.oauthComplete, { body });
    notify(L('Konto SMSAPI zostało połączone', 'The SMSAPI account is connected'));
  } catch (error) {
    notify(errorMessage(error), 'error');
  } finally {
    onChanged();
  }
}

export function SmsapiTab() {
  const state = smsapiState.value;
  const [loadError, setLoadError] = useState<string | undefined>(undefined);

  const reload = () => {
    setLoadError(undefined);
    refreshSmsapiState().catch((error: unknown) => setLoadError(errorMessage(error)));
  };
  useEffect(() => {
    reload();
    // The OAuth window reports back by message (same origin) or simply by the merchant returning to this tab.
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; result?: string; code?: string; state?: string } | null;
      if (event.origin === window.location.origin && data?.type === 'smsapi-oauth') void completeOAuth(data, reload);
    };
    const onFocus = () => reload();
    window.addEventListener('message', onMessage);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('focus', onFocus);
    };
  }, []);
  useEffect(() => adjustIframeSize());

  return (
    <section aria-labelledby="tab-title-konto">
      <h2 id="tab-title-konto">{L('Konto SMSAPI', 'SMSAPI account')}</h2>
      <Intro>
        {L(
          'Aby korzystać z aplikacji musisz mieć dostęp do aktywnego konta w serwisie SMSAPI. Połącz już istniejące lub utwórz nowe używając przycisku Zarejestruj się.',
          'To use the app you need an active SMSAPI account. Connect an existing one or create a new one with the Sign up button.',
        )}
      </Intro>
      <Intro>
        {L(
          'Sprawdź ustawienia integracji oraz przeprowadź testy zanim skonfigurujesz pozostałe funkcje. W przypadku pytań – skontaktuj się ze swoim opiekunem.',
          'Check the integration settings and run a test before you set up the other features. Questions? Contact your account manager.',
        )}
      </Intro>
      {loadError ? <LoadFailed message={loadError} retry={reload} /> : null}
      {!state && !loadError ? <Loading /> : null}
      {state ? <ConnectBox connected={state.connected} oauthAvailable={state.oauthAvailable} onChanged={reload} /> : null}
      {state?.connected ? <AccountForm key={`${state.login}-${state.connectedAt}`} onSaved={reload} /> : null}
      {state?.connected ? <IntegrationTest /> : null}
    </section>
  );
}

function ConnectBox(props: { connected: boolean; oauthAvailable: boolean; onChanged: () => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [tokenError, setTokenError] = useState<string | undefined>(undefined);
  const [oauthLink, setOauthLink] = useState<string | undefined>(undefined);
  const [showToken, setShowToken] = useState(!props.connected);

  const startOAuth = async () => {
    setBusy(true);
    try {
      const { url } = await apiCall(ADMIN.oauthStart);
      // We live in the Shoper admin's iframe: SMSAPI's consent page must open in its own window.
      const opened = window.open(url, 'smsapi-oauth', 'width=720,height=760');
      if (!opened) setOauthLink(url);
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  const connectWithToken = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setTokenError(undefined);
    try {
      const body = checkRequest(SmsapiSettingsBody, { token: token.trim() });
      await apiCall(ADMIN.saveSmsapi, { body });
      setToken('');
      notify(L('Konto SMSAPI zostało połączone', 'The SMSAPI account is connected'));
      props.onChanged();
    } catch (error) {
      const message = errorMessage(error);
      setTokenError(message);
      notify(message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    if (
      !window.confirm(
        L('Odłączyć konto SMSAPI? Wiadomości przestaną być wysyłane.', 'Disconnect the SMSAPI account? Messages will stop being sent.'),
      )
    )
      return;
    setBusy(true);
    try {
      await apiCall(ADMIN.disconnectSmsapi);
      notify(L('Konto SMSAPI zostało odłączone', 'The SMSAPI account is disconnected'));
      props.onChanged();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  // Pasting an API token is the first and default way (SMSAPI's own shop plugins use it); OAuth only when configured.
  return (
    <div class="panel connect-box">
      {showToken ? (
        <form class="edition-form token-form" onSubmit={connectWithToken}>
          <FieldLine
            id="smsapi-token"
            label={L('Token API SMSAPI:', 'SMSAPI API token:')}
            error={tokenError}
            hint={
              <>
                {L(
                  'Utwórz token w panelu SMSAPI (Ustawienia API → Tokeny API) z dostępem do wysyłki SMS, profilu i pól nadawcy, skopiuj go i wklej tutaj. Przechowujemy go zaszyfrowany. ',
                  'Create a token in the SMSAPI panel (API settings → API tokens) with access to SMS, the profile and sender names, then paste it here. We store it encrypted. ',
                )}
                <a href={SMSAPI_TOKENS_URL} target="_blank" rel="noopener noreferrer" data-testid="smsapi-tokens-link">
                  {L('Otwórz tokeny API w panelu SMSAPI', 'Open API tokens in the SMSAPI panel')}
                </a>
              </>
            }
          >
            <input
              id="smsapi-token"
              type="password"
              autocomplete="off"
              value={token}
              onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
            />
          </FieldLine>
          <div class="edition-form-buttons">
            <button type="submit" class="button button-primary" disabled={busy || token.trim() === ''}>
              {L('Połącz tokenem', 'Connect with the token')}
            </button>
          </div>
        </form>
      ) : null}
      <div class="button-row">
        <a class="button" href={SMSAPI_REGISTRATION_URL} target="_blank" rel="noopener noreferrer">
          {L('Zarejestruj się', 'Sign up')}
        </a>
        {props.oauthAvailable ? (
          <button type="button" class="button" onClick={startOAuth} disabled={busy}>
            {props.connected
              ? L('Połącz ponownie ze swoim kontem SMSAPI', 'Reconnect your SMSAPI account')
              : L('Połącz ze swoim kontem SMSAPI', 'Connect your SMSAPI account')}
          </button>
        ) : null}
        {props.connected ? (
          <button type="button" class="button button-link" onClick={() => setShowToken(!showToken)} aria-expanded={showToken}>
            {L('Zmień token API', 'Change the API token')}
          </button>
        ) : null}
        {props.connected ? (
          <button type="button" class="button button-danger-link" onClick={disconnect} disabled={busy}>
            {L('Odłącz konto', 'Disconnect')}
          </button>
        ) : null}
      </div>
      {!props.connected ? (
        <p class="hint partner-code" data-testid="partner-code">
          {L(
            'Zakładasz konto? W formularzu SMSAPI kliknij „Mam kod polecenia!” i wpisz kod „Shoper”, aby otrzymać 200 darmowych SMS-ów.',
            'Signing up? In the SMSAPI form click "Mam kod polecenia!" (I have a referral code) and enter "Shoper" to get 200 free SMS.',
          )}
        </p>
      ) : null}
      {oauthLink ? (
        <p class="hint">
          {L('Przeglądarka zablokowała nowe okno. ', 'The browser blocked the new window. ')}
          {/* biome-ignore lint/security/noBlankTarget: the SMSAPI consent page reports back to this window through window.opener */}
          <a href={oauthLink} target="_blank" rel="opener">
            {L('Otwórz stronę SMSAPI', 'Open the SMSAPI page')}
          </a>
        </p>
      ) : null}
    </div>
  );
}

function AccountForm(props: { onSaved: () => void }) {
  const state = smsapiState.value!;
  const form = useForm('smsapi-account', {
    senderName: state.senderName ?? state.senders.find((s) => s.isDefault)?.name ?? state.senders[0]?.name ?? '',
    replaceSpecialCharacters: state.replaceSpecialCharacters,
  });
  const senders = state.senders.map((s) => s.name);
  // A saved name that is no longer ACTIVE stays visible (marked) so the merchant sees why sending fails.
  const options = form.value.senderName && !senders.includes(form.value.senderName) ? [form.value.senderName, ...senders] : senders;

  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(
      async (value) => {
        const body = checkRequest(SmsapiSettingsBody, {
          ...(value.senderName ? { senderName: value.senderName } : {}),
          replaceSpecialCharacters: value.replaceSpecialCharacters,
        });
        await apiCall(ADMIN.saveSmsapi, { body });
        const next = await refreshSmsapiState();
        props.onSaved();
        return { senderName: next.senderName ?? value.senderName, replaceSpecialCharacters: next.replaceSpecialCharacters };
      },
      L('Ustawienia konta SMSAPI zostały zapisane', 'The SMSAPI account settings are saved'),
    );
  };

  return (
    <form class="edition-form panel" onSubmit={save}>
      <h3>{L('Podstawowa konfiguracja', 'Basic settings')}</h3>
      <div class="edition-form-line">
        <span class="edition-form-line-label">{L('Login:', 'Login:')}</span>
        <div class="edition-form-line-field">
          <strong data-testid="smsapi-login">{state.login ?? '—'}</strong>
          {state.method ? <span class="muted"> ({state.method === 'oauth' ? 'OAuth' : L('token API', 'API token')})</span> : null}
        </div>
      </div>
      {state.points === null && accountTypeLabel(state.accountType) ? (
        // Postpaid and subscription accounts have no balance: SMSAPI leaves `points` out of their profile.
        <div class="edition-form-line">
          <span class="edition-form-line-label">{L('Typ konta:', 'Account type:')}</span>
          <div class="edition-form-line-field" data-testid="smsapi-account-type">
            {accountTypeLabel(state.accountType)}
          </div>
        </div>
      ) : (
        <div class="edition-form-line">
          <span class="edition-form-line-label">{L('Punkty:', 'Points:')}</span>
          <div class="edition-form-line-field" data-testid="smsapi-points">
            {state.points === null ? <span class="muted">{L('niedostępne', 'unavailable')}</span> : formatNumber(state.points)}
          </div>
        </div>
      )}
      <FieldLine
        id="smsapi-sender"
        label={L('Pole nadawcy:', 'Sender name:')}
        error={form.errors.senderName}
        hint={
          senders.length === 0
            ? L(
                'Brak aktywnych pól nadawcy. Utwórz je w panelu klienta SMSAPI (Wiadomości SMS -> Pola nadawcy); po weryfikacji pojawią się tutaj.',
                'No active sender names. Create one in the SMSAPI panel (SMS messages -> Sender names); it appears here once verified.',
              )
            : L(
                'Lista zawiera tylko aktywne pola nadawcy Twojego konta SMSAPI.',
                'Only the ACTIVE sender names of your SMSAPI account are listed.',
              )
        }
      >
        <select
          id="smsapi-sender"
          value={form.value.senderName}
          onChange={(e) => form.set({ senderName: (e.currentTarget as HTMLSelectElement).value })}
        >
          {options.map((name) => (
            <option key={name} value={name}>
              {senders.includes(name) ? name : L(`${name} (nieaktywne)`, `${name} (not active)`)}
            </option>
          ))}
        </select>
      </FieldLine>
      {state.senderNameActive === false ? (
        <div class="alert alert-warning" role="alert">
          {L(
            `Pole nadawcy „${state.senderName ?? ''}” nie jest już aktywne w SMSAPI — wybierz inne, inaczej wiadomości nie zostaną wysłane.`,
            `The sender name "${state.senderName ?? ''}" is no longer active at SMSAPI: pick another or messages will not be sent.`,
          )}
        </div>
      ) : null}
      <Checkbox
        id="smsapi-replace"
        label={L('Zastąp znaki specjalne w powiadomieniach', 'Replace special characters in notifications')}
        checked={form.value.replaceSpecialCharacters}
        onChange={(checked) => form.set({ replaceSpecialCharacters: checked })}
        hint={L(
          'Polskie litery (np. „ą”, „ę”) zostaną zamienione na standardowe odpowiedniki („a”, „e”). Nawet jeden znak specjalny skraca część SMS ze 160 do 70 znaków.',
          'Polish letters (e.g. "ą", "ę") are replaced by plain ones ("a", "e"). Even one special character cuts an SMS part from 160 to 70 characters.',
        )}
      />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}

function IntegrationTest() {
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  const run = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setResult(undefined);
    try {
      const body = checkRequest(SmsapiTestBody, { phone });
      await apiCall(ADMIN.smsapiTest, { body });
      const text = L('Wiadomość została wysłana', 'The message has been sent');
      setResult({ ok: true, text });
      notify(text);
    } catch (error) {
      const text = error instanceof ApiError ? error.message : errorMessage(error);
      setResult({ ok: false, text });
      notify(text, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="edition-form panel" onSubmit={run}>
      <h3>{L('Przeprowadź test integracji', 'Run the integration test')}</h3>
      <FieldLine id="smsapi-test-phone" label={L('Wyślij wiadomość testową:', 'Send a test message:')}>
        <input
          id="smsapi-test-phone"
          type="tel"
          autocomplete="tel"
          placeholder={L('Wpisz testowy numer telefonu', 'Enter a test phone number')}
          value={phone}
          onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)}
        />
      </FieldLine>
      <div class="edition-form-buttons">
        <button type="submit" class="button button-primary" disabled={busy || phone.trim() === ''}>
          {L('Test integracji', 'Integration test')}
        </button>
      </div>
      {result ? (
        <div class={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role="status" data-testid="test-result">
          {result.text}
        </div>
      ) : null}
    </form>
  );
}
