// "Statusy zamówień" (manual 4.4): pick a status, Wyślij Tak/Nie, Opóźnienie [dni], the message (the proposed
// text for Shoper's default statuses), Zapisz; and "Aktualna lista statusów" with ✓ where a change sends an SMS.
import { useState } from 'preact/hooks';
import { apiCall } from '../api/client';
import { type StatusOverview } from '../api/schemas';
import { saveTemplate } from '../api/templates';
import { Composer } from '../composer/Composer';
import { DaysField, FormError, Intro, LoadFailed, Loading, SaveBar, YesNo } from '../components/ui';
import { useForm, useLoad } from '../form';
import { L, locale } from '../i18n';
import { confirmDiscard } from '../unsaved';
import { ADMIN } from '#contracts/admin';

export const loadStatuses = () => apiCall(ADMIN.statuses);

const statusName = (s: StatusOverview) => (locale.value === 'en' && s.nameEn ? s.nameEn : s.name);

export function StatusesTab() {
  const loaded = useLoad(loadStatuses);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const statuses = loaded.data?.items ?? [];
  const current = statuses.find((s) => s.statusId === chosen) ?? statuses[0];

  return (
    <section aria-labelledby="tab-title-statusy">
      <h2 id="tab-title-statusy">{L('Statusy zamówień', 'Order statuses')}</h2>
      <Intro>
        {L(
          'W tym miejscu ustawisz automatyczną wysyłkę powiadomienia SMS przy zmianie statusu zamówienia. Możesz ustawić własne treści powiadomień lub wykorzystać zaproponowane szablony.',
          'Set up an automatic SMS for when an order changes status. Write your own texts or use the proposed ones.',
        )}
      </Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data?.refreshFailed ? (
        <div class="alert alert-warning">
          {L(
            'Nie udało się odświeżyć listy statusów ze sklepu — pokazujemy ostatnio pobraną.',
            'Could not refresh the statuses from the shop; showing the last list read.',
          )}
        </div>
      ) : null}
      {loaded.data && statuses.length === 0 ? (
        <div class="empty-state">
          {L(
            'Sklep nie ma jeszcze statusów zamówień. Odśwież stronę za chwilę.',
            'The shop has no order statuses yet. Reload in a moment.',
          )}
        </div>
      ) : null}
      {current ? (
        <div class="statuses-layout">
          <div>
            <div class="edition-form-line">
              <label class="edition-form-line-label" for="status-picker">
                {L('Ustawienia dla statusu:', 'Settings for status:')}
              </label>
              <div class="edition-form-line-field">
                <select
                  id="status-picker"
                  value={current.statusId}
                  onChange={(e) => {
                    const select = e.currentTarget as HTMLSelectElement;
                    if (confirmDiscard()) setChosen(select.value);
                    else select.value = current.statusId;
                  }}
                >
                  {statuses.map((s) => (
                    <option key={s.statusId} value={s.statusId}>
                      {statusName(s)}
                      {s.active ? '' : L(' (nieaktywny)', ' (inactive)')}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <StatusEditor key={current.statusId} status={current} onSaved={loaded.reload} />
          </div>
          <StatusOverviewList statuses={statuses} onPick={(id) => confirmDiscard() && setChosen(id)} current={current.statusId} />
        </div>
      ) : null}
    </section>
  );
}

interface StatusForm {
  enabled: boolean;
  delayDays: number;
  text: string;
}

function StatusEditor(props: { status: StatusOverview; onSaved: () => void }) {
  const form = useForm<StatusForm>(`status-${props.status.statusId}`, {
    enabled: props.status.template?.enabled ?? false,
    delayDays: props.status.template?.delayDays ?? 0,
    text: props.status.template?.text ?? props.status.proposedText ?? '',
  });
  const save = (event: Event) => {
    event.preventDefault();
    void form
      .submit(
        async (value) => {
          const saved = await saveTemplate(`order-status/${props.status.statusId}`, value);
          return { enabled: saved.enabled, delayDays: saved.delayDays, text: saved.text };
        },
        L(`Szablon dla statusu „${statusName(props.status)}” został zapisany`, `The template for "${statusName(props.status)}" is saved`),
      )
      .then((ok) => {
        if (ok) props.onSaved();
      });
  };
  return (
    <form class="edition-form panel" onSubmit={save} noValidate>
      <YesNo
        name="status-enabled"
        legend={L('Wyślij:', 'Send:')}
        value={form.value.enabled}
        onChange={(enabled) => form.set({ enabled })}
      />
      <DaysField
        id="status-delay"
        label={L('Opóźnienie [dni]:', 'Delay [days]:')}
        value={form.value.delayDays}
        onChange={(delayDays) => form.set({ delayDays })}
        error={form.errors.delayDays}
      />
      <Composer
        id="status-text"
        kind="order-status"
        label={L('Wiadomość:', 'Message:')}
        value={form.value.text}
        onChange={(text) => form.set({ text })}
        error={form.errors.text}
        rows={5}
      />
      {props.status.proposedText && form.value.text !== props.status.proposedText ? (
        <button type="button" class="button button-link" onClick={() => form.set({ text: props.status.proposedText ?? '' })}>
          {L('Wstaw zaproponowany szablon', 'Use the proposed template')}
        </button>
      ) : null}
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}

function StatusOverviewList(props: { statuses: StatusOverview[]; current: string; onPick: (id: string) => void }) {
  return (
    <aside class="panel status-overview" aria-labelledby="status-overview-title">
      <h3 id="status-overview-title">{L('Aktualna lista statusów:', 'Current status list:')}</h3>
      <ul>
        {props.statuses.map((s) => (
          <li key={s.statusId} class={s.statusId === props.current ? 'current' : undefined}>
            <span class={`mark ${s.sends ? 'sends' : 'silent'}`} aria-hidden="true">
              {s.sends ? '✓' : '–'}
            </span>
            <button type="button" class="button-link" onClick={() => props.onPick(s.statusId)}>
              {statusName(s)}
            </button>
            <span class="visually-hidden">{s.sends ? L(' — wysyła SMS', ': sends an SMS') : L(' — nie wysyła SMS', ': no SMS')}</span>
            {s.sends && s.template && s.template.delayDays > 0 ? (
              <span class="muted"> ({L(`po ${s.template.delayDays} dn.`, `after ${s.template.delayDays} d`)})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
