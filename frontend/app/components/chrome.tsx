// The frame around every tab: the account-problem banner (SMSAPI 101/103… block all sending, so it is shown at
// the top of every tab), the toasts, and the page shown when there is no valid session.
import { loggedAccountProblem, smsapiState } from '../api/account';
import { smsapiErrorMessage } from '#domain/smsapi-codes';
import { L, locale } from '../i18n';
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
  '105': [
    'SMSAPI odrzuca adres IP aplikacji. Sprawdź listę dozwolonych adresów w panelu SMSAPI.',
    'SMSAPI refuses the app’s IP address. Check the allowed addresses in the SMSAPI panel.',
  ],
  '110': [
    'Usługa SMS nie jest dostępna na Twoim koncie SMSAPI. Skontaktuj się z SMSAPI.',
    'SMS is not enabled on your SMSAPI account. Contact SMSAPI.',
  ],
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
        {L(
          'Konto SMSAPI nie jest połączone — żadna wiadomość nie zostanie wysłana.',
          'No SMSAPI account is connected: no message will be sent.',
        )}{' '}
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
          Przejdź do <strong>Dodatki i integracje → Moje aplikacje</strong>, znajdź aplikację <strong>Powiadomienia SMS</strong> i kliknij{' '}
          <strong>Konfiguracja</strong>.
        </p>
        <p lang="en" class="muted">
          Open the app from the Shoper admin panel: <strong>Add-ons and integrations → My apps</strong>, find the SMS notifications app and
          click <strong>Configure</strong>.
        </p>
        {props.detail ? <p class="muted small">{props.detail}</p> : null}
      </div>
    </main>
  );
}

/** The SMSAPI consent window lands back on the app: tell the admin tab and close. One language: the panel's. */
export function OAuthDone(props: { result: string; handedOver: boolean; reason?: string }) {
  // `authorized`: SMSAPI accepted; the app window that opened this one completes the connection with its session.
  const ok = props.result === 'authorized' && props.handedOver;
  const lost = props.result === 'authorized' && !props.handedOver;
  const denied = props.result === 'denied';
  const smsapiCode = /^SMSAPI_(\d+)$/.exec(props.reason ?? '')?.[1];
  return (
    <main class="rwd-layout-container signed-out">
      <div class="panel" data-testid="oauth-done">
        <h1>
          {ok
            ? L('Zgoda SMSAPI przekazana do aplikacji', "SMSAPI's consent was handed to the app")
            : L('Nie połączono konta SMSAPI', 'The SMSAPI account was not connected')}
        </h1>
        <p>
          {ok
            ? L(
                'Zamknij to okno i wróć do zakładki „Konto SMSAPI” w panelu sklepu — konto połączy się tam.',
                'Close this window and go back to the "SMSAPI account" tab in the shop panel: the account connects there.',
              )
            : lost
              ? L(
                  'To okno straciło połączenie z oknem aplikacji, więc konto nie zostało połączone. Zamknij je i kliknij „Połącz ze swoim kontem SMSAPI” jeszcze raz albo wklej token API.',
                  'This window lost touch with the app window, so the account was not connected. Close it and click "Connect your SMSAPI account" again, or paste an API token.',
                )
              : denied
                ? L(
                    'Odmówiono dostępu do konta SMSAPI. Zamknij to okno; w zakładce „Konto SMSAPI” możesz spróbować ponownie albo wkleić token API.',
                    'Access to the SMSAPI account was refused. Close this window; on the "SMSAPI account" tab you can try again or paste an API token.',
                  )
                : L(
                    'Wystąpił błąd. Zamknij to okno i spróbuj ponownie w zakładce „Konto SMSAPI” albo wklej token API.',
                    'Something went wrong. Close this window and try again on the "SMSAPI account" tab, or paste an API token.',
                  )}
        </p>
        {smsapiCode ? (
          <p class="muted">
            {L('Powód', 'Reason')} ({L('kod', 'code')} {smsapiCode}): {smsapiErrorMessage(Number(smsapiCode), locale.value)}
          </p>
        ) : null}
        <button type="button" class="button button-primary" onClick={() => window.close()}>
          {L('Zamknij okno', 'Close the window')}
        </button>
      </div>
    </main>
  );
}
