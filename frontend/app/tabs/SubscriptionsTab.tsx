// "Lista powiadomień" (manual 4.9): the numbers left on product pages for back-in-stock messages.
import { SubscriptionDeleteBody, type SubscriptionView } from '#contracts/subscriptions';
import { apiCall, checkRequest } from '../api/client';
import { Intro } from '../components/ui';
import { formatDateTime, L } from '../i18n';
import { SelectableList } from './SelectableList';
import { ADMIN } from '#contracts/admin';

/** The true state: waiting for the product / scheduled for <time> / sent / delivered / failed. */
export function subscriptionState(s: SubscriptionView): string {
  if (s.status === 'withdrawn') return L('wycofany', 'withdrawn');
  const message = s.message;
  if (s.status === 'waiting' || !message) return s.status === 'sent' ? L('wysłany', 'sent') : L('oczekuje', 'waiting');
  switch (message.state) {
    case 'SCHEDULED':
    case 'QUEUED':
      return L(`zaplanowany na ${formatDateTime(message.dueAt)}`, `scheduled for ${formatDateTime(message.dueAt)}`);
    case 'SENDING':
      return L('wysyłanie', 'sending');
    case 'SENT':
      return L('wysłany', 'sent');
    case 'DELIVERED':
      return L('doręczony', 'delivered');
    case 'UNDELIVERED':
      return L('niedoręczony', 'undelivered');
    case 'FAILED':
      return L('błąd wysyłki', 'failed');
    case 'CANCELLED':
      return L('anulowany', 'cancelled');
    default:
      return L('pominięty', 'skipped');
  }
}

export function SubscriptionsTab() {
  return (
    <section aria-labelledby="tab-title-powiadomienia">
      <h2 id="tab-title-powiadomienia">{L('Lista powiadomień', 'Notification list')}</h2>
      <Intro>
        {L(
          'W tym miejscu sprawdzisz, ile osób wyraziło chęć otrzymania powiadomienia SMS o dostępności produktu. Funkcję włączysz w zakładce „Dostępność produktu”.',
          'Here you see who asked for an SMS when a product is back in stock. Switch the feature on in the "Back in stock" tab.',
        )}
      </Intro>
      <SelectableList<SubscriptionView>
        idPrefix="subscriptions"
        fetchPage={(cursor, search) => apiCall(ADMIN.subscriptions, { query: { limit: 20, cursor, search } })}
        idOf={(s) => s.id}
        describe={(s) => `${s.phone} — ${s.productName ?? s.productId}`}
        columns={[
          { title: L('ID klienta', 'Client ID'), cell: (s) => s.clientId ?? '—', className: 'num' },
          { title: L('Numer telefonu', 'Phone number'), cell: (s) => s.phone, className: 'nowrap' },
          { title: L('ID Produktu', 'Product ID'), cell: (s) => s.productId, className: 'num' },
          { title: L('Nazwa Produktu', 'Product name'), cell: (s) => s.productName ?? '—' },
          { title: L('Status', 'Status'), cell: (s) => subscriptionState(s) },
          { title: L('Data utworzenia', 'Created'), cell: (s) => formatDateTime(s.createdAt), className: 'nowrap' },
        ]}
        deleteHeader={L('Usuń powiadomienie', 'Delete sign-up')}
        deleteOne={async (id) => {
          await apiCall(ADMIN.deleteSubscription, { params: { id } });
        }}
        deleteMany={async (ids) => {
          const answer = await apiCall(ADMIN.deleteSubscriptions, { body: checkRequest(SubscriptionDeleteBody, { ids }) });
          const deleted = (answer as { deleted?: unknown } | null)?.deleted;
          return { deleted: Array.isArray(deleted) ? deleted.length : typeof deleted === 'number' ? deleted : ids.length };
        }}
        searchPlaceholder={L('Numer telefonu, ID lub nazwa produktu', 'Phone number, product ID or name')}
        empty={L(
          'Nikt jeszcze nie zapisał się na powiadomienie. Włącz powiadomienia w zakładce „Dostępność produktu” i wklej kod formularza do szablonu sklepu — zapisy pojawią się tutaj.',
          'No sign-ups yet. Switch on back-in-stock notifications and paste the form code into the shop template; sign-ups appear here.',
        )}
        emptySearch={L(
          'Nic nie pasuje do wyszukiwania. Sprawdź numer lub nazwę produktu.',
          'Nothing matches the search. Check the number or product name.',
        )}
      />
    </section>
  );
}
