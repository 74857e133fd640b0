import { loggedAccountProblem } from '../api/account';
import { apiCall } from '../api/client';
import { EmptyState, Pager, usePagedList } from '../components/list';
import { Intro, LoadFailed, Loading } from '../components/ui';
import { formatDateTime, L } from '../i18n';
import { ADMIN } from '#contracts/admin';

const PAGE_SIZE = 20;

export function ErrorsTab() {
  const list = usePagedList(async (cursor) => {
    const page = await apiCall(ADMIN.errors, { query: { limit: PAGE_SIZE, cursor } });
    loggedAccountProblem.value = page.accountProblem;
    return page;
  });
  const items = list.page?.items ?? [];
  return (
    <section aria-labelledby="tab-title-bledy">
      <h2 id="tab-title-bledy">{L('Komunikaty błędów', 'Error messages')}</h2>
      <Intro>
        {L(
          'Zdarzają się rzadko, ale jak już się pojawią, to warto szybko interweniować. Jeżeli zauważysz coś niepokojącego, skontaktuj się z nami. Napisz wiadomość na bok@smsapi.pl lub zadzwoń pod numer +48 32 7 201 200.',
          'They are rare, but when they appear it pays to act quickly. If something looks wrong, contact SMSAPI: bok@smsapi.pl or +48 32 7 201 200.',
        )}
      </Intro>
      {list.error ? <LoadFailed message={list.error} retry={list.reload} /> : null}
      {list.loading && !list.page ? <Loading /> : null}
      {list.page && items.length === 0 ? (
        <EmptyState>
          {L(
            'Brak błędów — wszystkie wiadomości zostały przyjęte przez SMSAPI. Jeśli coś się nie uda, zobaczysz tutaj kod błędu, numer i przyczynę.',
            'No errors: SMSAPI accepted every message. If something fails you will see the error code, the number and the reason here.',
          )}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{L('Kod błędu', 'Error code')}</th>
                <th scope="col">{L('Numer telefonu', 'Phone number')}</th>
                <th scope="col">{L('Wiadomość błędu', 'Error message')}</th>
                <th scope="col">{L('Miejsce', 'Place')}</th>
                <th scope="col">{L('Data', 'Date')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td>{String(entry.code)}</td>
                  <td>{entry.phone ?? '—'}</td>
                  <td>{entry.message}</td>
                  <td>{entry.place}</td>
                  <td class="nowrap">{formatDateTime(entry.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.page && (items.length > 0 || list.pageIndex > 0) ? (
        <Pager pageIndex={list.pageIndex} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      ) : null}
      <p class="hint">
        {L('Kompletna lista błędów jest dostępna w dokumentacji API: ', 'The full list of error codes is in the API documentation: ')}
        <a href="https://www.smsapi.pl/docs/#19-kody-bledow" target="_blank" rel="noopener noreferrer">
          https://www.smsapi.pl/docs/#19-kody-bledow
        </a>
      </p>
    </section>
  );
}
