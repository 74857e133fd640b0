// "Zaplanowane wysyłki" (manual 4.10): SMS due later (all features but back-in-stock); delete one or many.
import { JobDeleteBody } from '#contracts/orders';
import { apiCall, checkRequest } from '../api/client';
import { type JobView } from '../api/schemas';
import { Intro } from '../components/ui';
import { formatDateTime, L, locale } from '../i18n';
import { SelectableList } from './SelectableList';
import { ADMIN } from '#contracts/admin';

export const jobType = (job: JobView) => job.type?.[locale.value] ?? job.kind;

export function ScheduledTab() {
  return (
    <section aria-labelledby="tab-title-zaplanowane">
      <h2 id="tab-title-zaplanowane">{L('Zaplanowane wysyłki', 'Scheduled sends')}</h2>
      <Intro>
        {L(
          'Poniżej znajdziesz listę zaplanowanych wysyłek SMS. Dotyczy ona wszystkich wiadomości z pominięciem powiadomień o dostępności produktów.',
          'The SMS scheduled to go later: every feature except back-in-stock notifications.',
        )}
      </Intro>
      <SelectableList<JobView>
        idPrefix="scheduled"
        fetchPage={(cursor, search) => apiCall(ADMIN.jobs, { query: { state: 'scheduled', limit: 20, cursor, search } })}
        idOf={(job) => job.jobId}
        describe={(job) => `${job.phone}, ${formatDateTime(job.dueAt)}`}
        columns={[
          { title: L('Numer telefonu', 'Phone number'), cell: (job) => job.phone, className: 'nowrap' },
          { title: L('Wiadomość', 'Message'), cell: (job) => job.text, className: 'message-cell' },
          {
            title: L('Data wysłania', 'Send date'),
            cell: (job) => (
              <>
                {formatDateTime(job.dueAt)}
                {job.shiftedFrom ? (
                  <div class="muted small">{L('przesunięte przez godziny wysyłki', 'moved by the sending hours')}</div>
                ) : null}
              </>
            ),
            className: 'nowrap',
          },
          { title: L('Typ', 'Type'), cell: jobType },
        ]}
        deleteHeader={L('Usuń', 'Delete')}
        deleteOne={async (id) => {
          await apiCall(ADMIN.cancelJob, { params: { id } });
        }}
        deleteMany={async (ids) => {
          const result = await apiCall(ADMIN.cancelJobs, { body: checkRequest(JobDeleteBody, { ids }) });
          const skipped = result.notCancellable.length + result.notFound.length;
          return {
            deleted: result.cancelled.length,
            note: skipped
              ? L(
                  `${skipped} nie można już usunąć: zostały wysłane albo właśnie są wysyłane`,
                  `${skipped} could not be deleted: already sent or being sent`,
                )
              : undefined,
          };
        }}
        searchPlaceholder={L('Telefon, nr zamówienia lub treść', 'Phone, order number or text')}
        empty={L(
          'Brak zaplanowanych wysyłek. Pojawią się tutaj, gdy ustawisz opóźnienie w zakładce „Statusy zamówień”, „Celebrowanie dat” lub „Porzucone koszyki”.',
          'Nothing scheduled. Sends appear here when you set a delay on the Order statuses, Date celebrations or Abandoned baskets tab.',
        )}
        emptySearch={L('Nic nie pasuje do wyszukiwania.', 'Nothing matches the search.')}
      />
    </section>
  );
}
