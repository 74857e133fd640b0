// The frame around every tab: the account-problem banner (SMSAPI 101/103… block all sending, so it is shown at
// the top of every tab), the toasts, and the page shown when there is no valid session.
import { loggedAccountProblem, smsapiState } from '../api/account';
import { L } from '../i18n';
import { dismiss, toasts } from '../notify';

const ACCOUNT_HELP: Record<string, [string, string]> = {
  '101': [
    'Token SMSAPI jest nieprawidłowy lub wygasł. Połącz konto ponownie w zakładce „Konto SMSAPI”.',
    'The SMSAPI token is invalid or expired. Reconnect the account on the "SMSAPI account" tab.',
  ],
  '102': ['Nieprawidłowe dane logowania SMSAPI. Połącz konto ponownie.', 'Invalid SMSAPI credentials. Reconnect the account.'],
  '103': [
    'Na koncie SMSAPI skończyły się punkty — wiadomości nie są wysyłane. Doładuj konto w panelu SMSAPI.',
    'The SMSAPI account is out of points: messages are not being sent. Top it up in the SMSAPI panel.',
  ],
  '105': ['SMSAPI odrzuca adres IP aplikacji. Sprawdź listę dozwolonych adresów w panelu SMSAPI.', 'SMSAPI refuses the app’s IP address. Check the allowed addresses in the SMSAPI panel.'],
  '110': ['Usługa SMS nie jest dostępna na Twoim koncie SMSAPI. Skontaktuj się z SMSAPI.', 'SMS is not enabled on your SMSAPI account. Contact SMSAPI.'],
};

export function AccountBanner(props: { onOpenAccount: () => void; onAccountTab: boolean }) {
  const state = smsapiState.value;
  const problem = state?.accountProblem ?? loggedAccountProblem.value;
  if (problem) {
    const help = ACCOUNT_HELP[String(problem.code)];
    return (
      <div class="alert alert-error account-problem" role="alert" data-testid="account-problem">
        <strong>
          {L('Wysyłka SMS wstrzymana', 'SMS sending is blocked')} ({L('kod', 'code')} {String(problem.code)}):
        </strong>{' '}
        {help ? L(help[0], help[1]) : problem.message}
        {!props.onAccountTab ? (
          <>
            {' '}
            <button type="button" class="button-link" onClick={props.onOpenAccount}>
              {L('Przejdź do konta SMSAPI', 'Open the SMSAPI account')}
            </button>
          </>
        ) : null}
      </div>
    );
  }
  if (state && !state.connected && !props.onAccountTab) {
    return (
      <div class="alert alert-warning" role="status">
        {L('Konto SMSAPI nie jest połączone — żadna wiadomość nie zostanie wysłana.', 'No SMSAPI account is connected: no message will be sent.')}{' '}
        <button type="button" class="button-link" onClick={props.onOpenAccount}>
          {L('Połącz konto', 'Connect the account')}
        </button>
      </div>
    );
  }
  return null;
}

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite" role="status">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast toast-${t.type}`} data-testid="toast">
          <span>{t.text}</span>
          <button type="button" class="toast-close" onClick={() => dismiss(t.id)} aria-label={L('Zamknij', 'Close')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** No (valid) iframe parameters: the app can only be opened from the Shoper admin panel. */
export function SignedOut(props: { detail?: string }) {
  return (
    <main class="rwd-layout-container signed-out">
      <div class="panel">
        <h1>Otwórz aplikację z panelu administracyjnego Shoper</h1>
        <p>
          Przejdź do <strong>Dodatki i integracje → Moje aplikacje</strong>, znajdź aplikację <strong>Powiadomienia SMS</strong> i kliknij <strong>Konfiguracja</strong>.
        </p>
        <p lang="en" class="muted">
          Open the app from the Shoper admin panel: <strong>Add-ons and integrations → My apps</strong>, find the SMS notifications app and click <strong>Configure</strong>.
        </p>
        {props.detail ? <p class="muted small">{props.detail}</p> : null}
      </div>
    </main>
  );
}

/** The SMSAPI consent window lands back on the app: tell the admin tab and close. */
export function OAuthDone(props: { result: string; handedOver: boolean }) {
  // `authorized`: SMSAPI accepted; the app window that opened this one completes the connection with its session.
  const ok = props.result === 'authorized' && props.handedOver;
  const lost = props.result === 'authorized' && !props.handedOver;
  return (
    <main class="rwd-layout-container signed-out">
      <div class="panel">
        <h1>{ok ? 'Zgoda SMSAPI przekazana do aplikacji' : 'Nie połączono konta SMSAPI'}</h1>
        <p>
          {ok
            ? 'Zamknij to okno i wróć do zakładki „Konto SMSAPI” w panelu sklepu — konto połączy się tam.'
            : lost
              ? 'To okno straciło połączenie z oknem aplikacji, więc konto nie zostało połączone. Zamknij je i kliknij „Połącz ze swoim kontem SMSAPI” jeszcze raz albo wklej token API.'
              : 'Odmówiono dostępu lub wystąpił błąd. Zamknij to okno i spróbuj ponownie w zakładce „Konto SMSAPI”.'}
        </p>
        <p lang="en" class="muted">
          {ok
            ? "SMSAPI's consent was handed to the app window: close this one; the account connects there."
            : 'The SMSAPI account was not connected. Close this window and try again, or paste an API token.'}
        </p>
        <button type="button" class="button button-primary" onClick={() => window.close()}>
          Zamknij okno / Close
        </button>
      </div>
    </main>
  );
}
