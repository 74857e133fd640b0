// "Historia wiadomości" (ours): every SMS the app created, newest first by the date it was created, with its
// true state (scheduled for when, sent, delivered, failed) and the messages that were planned and not sent, with why.
import { useState } from 'preact/hooks';
import { apiCall } from '../api/client';
import { type JobView } from '../api/schemas';
import { EmptyState, Pager, SearchBox, usePagedList } from '../components/list';
import { Intro, LoadFailed, Loading } from '../components/ui';
import { formatDateTime, L, locale } from '../i18n';
import { jobType } from './ScheduledTab';
import { ADMIN } from '#contracts/admin';

const STATE_CLASS: Record<string, string> = {
  DELIVERED: 'ok',
  SENT: 'info',
  QUEUED: 'info',
  SENDING: 'info',
  SCHEDULED: 'info',
  UNDELIVERED: 'bad',
  FAILED: 'bad',
  CANCELLED: 'muted',
  SKIPPED: 'warn',
};

/** The line under the state: when, or why. */
function stateDetail(job: JobView): string | undefined {
  switch (job.state) {
    case 'SCHEDULED':
    case 'QUEUED':
      return job.shiftedFrom
        ? L(
            `wyjdzie ${formatDateTime(job.dueAt)} — przesunięta przez godziny wysyłki (miała wyjść ${formatDateTime(job.shiftedFrom)})`,
            `goes ${formatDateTime(job.dueAt)}, moved by the sending hours (was due ${formatDateTime(job.shiftedFrom)})`,
          )
        : job.waitReason
          ? job.waitReason.message
          : L(`wyjdzie ${formatDateTime(job.dueAt)}`, `goes ${formatDateTime(job.dueAt)}`);
    case 'SENT':
    case 'UNDELIVERED':
      return job.sentAt ? L(`wysłana ${formatDateTime(job.sentAt)}`, `sent ${formatDateTime(job.sentAt)}`) : undefined;
    case 'DELIVERED':
      return job.deliveredAt
        ? L(`doręczona ${formatDateTime(job.deliveredAt)}`, `delivered ${formatDateTime(job.deliveredAt)}`)
        : undefined;
    case 'SKIPPED':
      return job.skipReason?.[locale.value];
    case 'CANCELLED':
      return job.cancelReason;
    default:
      return undefined;
  }
}

export function HistoryTab() {
  const [expanded, setExpanded] = useState<string | undefined>(undefined);
  const list = usePagedList((cursor, search) => apiCall(ADMIN.jobs, { query: { state: 'all', limit: 25, cursor, search } }));
  const items = list.page?.items ?? [];
  return (
    <section aria-labelledby="tab-title-historia">
      <h2 id="tab-title-historia">{L('Historia wiadomości', 'Message history')}</h2>
      <Intro>
        {L(
          'Wszystkie wiadomości utworzone przez aplikację, od najnowszych według daty utworzenia, ze stanem doręczenia z raportów SMSAPI. Wiadomości, których aplikacja nie wysłała (brak zgody, brak numeru komórkowego…), są tu z powodem.',
          'Every message the app created, newest first by the date it was created, with the delivery status from SMSAPI reports. Messages the app did not send (no consent, no mobile number…) are listed with the reason.',
        )}
      </Intro>
      <SearchBox
        id="history-search"
        value={list.search}
        onSearch={list.setSearch}
        placeholder={L('Telefon, nr zamówienia lub treść', 'Phone, order number or text')}
      />
      {list.error ? <LoadFailed message={list.error} retry={list.reload} /> : null}
      {list.loading && !list.page ? <Loading /> : null}
      {list.page && items.length === 0 ? (
        <EmptyState>
          {list.search
            ? L('Nic nie pasuje do wyszukiwania.', 'Nothing matches the search.')
            : L(
                'Nie wysłano jeszcze żadnej wiadomości. Połącz konto SMSAPI i włącz powiadomienia — każda wiadomość pojawi się tutaj.',
                'No messages yet. Connect SMSAPI and switch notifications on; every message will be listed here.',
              )}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{L('Data utworzenia', 'Created')}</th>
                <th scope="col">{L('Numer telefonu', 'Phone number')}</th>
                <th scope="col">{L('Wiadomość', 'Message')}</th>
                <th scope="col">{L('Typ', 'Type')}</th>
                <th scope="col">{L('Stan', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job: JobView) => (
                <tr key={job.jobId}>
                  <td class="nowrap">{formatDateTime(job.createdAt ?? job.dueAt)}</td>
                  <td class="nowrap">{job.phone || '—'}</td>
                  <td class="message-cell">
                    {expanded === job.jobId || job.text.length <= 90 ? job.text : `${job.text.slice(0, 90)}…`}
                    {job.text.length > 90 ? (
                      <button
                        type="button"
                        class="button-link small"
                        onClick={() => setExpanded(expanded === job.jobId ? undefined : job.jobId)}
                        aria-expanded={expanded === job.jobId}
                      >
                        {expanded === job.jobId ? L('zwiń', 'less') : L('więcej', 'more')}
                      </button>
                    ) : null}
                  </td>
                  <td>{jobType(job)}</td>
                  <td>
                    <span class={`badge ${STATE_CLASS[job.state] ?? ''}`}>{job.stateName?.[locale.value] ?? job.state}</span>
                    {stateDetail(job) ? <div class="muted small state-detail">{stateDetail(job)}</div> : null}
                    {job.error && job.state !== 'SENT' && job.state !== 'DELIVERED' ? (
                      <div class="small error-text">
                        {String(job.error.code)}: {job.error.message}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.page && (items.length > 0 || list.pageIndex > 0) ? (
        <Pager pageIndex={list.pageIndex} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} total={list.page.total} />
      ) : null}
    </section>
  );
}
