// "Celebrowanie dat" (manual 4.6): the rules table (Nazwa eventu, Opóźnienie [dni], Wiadomość, Aktywny, Akcje:
// Usuń / Edytuj / Wyłącz), Dodaj, paging; adding and editing use the composer with the celebration parameters.
import { useState } from 'preact/hooks';
import { CelebrationBody, CelebrationPatch } from '#contracts/orders';
import { CELEBRATION_EVENT_NAMES, CELEBRATION_EVENTS } from '#domain/celebration-events';
import { CELEBRATION_EXAMPLES } from '#domain/default-templates';
import type { CelebrationEvent } from '#domain/model';
import { apiCall, checkRequest, errorMessage } from '../api/client';
import { CelebrationView } from '../api/schemas';
import { Composer } from '../composer/Composer';
import { Checkbox, DaysField, FieldLine, FormError, Intro, LoadFailed, Loading, SaveBar } from '../components/ui';
import { EmptyState, Pager, usePagedList } from '../components/list';
import { useForm } from '../form';
import { L, locale } from '../i18n';
import { notify } from '../notify';
import { confirmDiscard } from '../unsaved';
import { ADMIN } from '#contracts/admin';

const PAGE_SIZE = 10;

const eventName = (c: { event: string; eventName?: { pl: string; en: string } }) => {
  const names = c.eventName ?? CELEBRATION_EVENT_NAMES[c.event as CelebrationEvent];
  return names ? names[locale.value] : c.event;
};

type Editing = { mode: 'add' } | { mode: 'edit'; rule: CelebrationView } | undefined;

export function CelebrationsTab() {
  const list = usePagedList((cursor) => apiCall(ADMIN.celebrations, { query: { limit: PAGE_SIZE, cursor } }));
  const [editing, setEditing] = useState<Editing>(undefined);
  const [busyId, setBusyId] = useState<string | undefined>(undefined);
  const rules = list.page?.items ?? [];

  const act = async (rule: CelebrationView, action: 'delete' | 'toggle') => {
    if (action === 'delete' && !window.confirm(L(`Usunąć zdarzenie „${eventName(rule)}”?`, `Delete the rule "${eventName(rule)}"?`)))
      return;
    setBusyId(rule.id);
    try {
      if (action === 'delete') {
        await apiCall(ADMIN.removeCelebration, { params: { id: rule.id } });
        notify(L('Zdarzenie zostało usunięte', 'The rule is deleted'));
      } else {
        await apiCall(ADMIN.changeCelebration, { params: { id: rule.id }, body: checkRequest(CelebrationPatch, { active: !rule.active }) });
        notify(
          rule.active ? L('Wysyłka została wyłączona', 'Sending is switched off') : L('Wysyłka została włączona', 'Sending is switched on'),
        );
      }
      list.reload();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusyId(undefined);
    }
  };

  const open = (next: Editing) => {
    if (confirmDiscard()) setEditing(next);
  };

  return (
    <section aria-labelledby="tab-title-celebrowanie">
      <h2 id="tab-title-celebrowanie">{L('Celebrowanie dat', 'Date celebrations')}</h2>
      <Intro>
        {L(
          'Nawiąż relację z klientami poprzez automatyczną wysyłkę spersonalizowanych SMS-ów powiązanych z ważnymi wydarzeniami: poproś o opinię po wysyłce zamówienia, podziękuj za pierwsze zakupy, przywitaj nowe konto. Wysyłka może zostać zaplanowana po upływie dowolnej liczby dni.',
          'Build relationships with automatic personal SMS tied to events: ask for a review after shipping, thank for a first order, welcome a new account. Each goes any number of days after the event.',
        )}
      </Intro>
      <div class="button-row">
        <button type="button" class="button button-primary" onClick={() => open({ mode: 'add' })} disabled={editing?.mode === 'add'}>
          {L('Dodaj', 'Add')}
        </button>
      </div>
      {editing ? (
        <CelebrationEditor
          key={editing.mode === 'edit' ? editing.rule.id : 'new'}
          editing={editing}
          onDone={(saved) => {
            setEditing(undefined);
            if (saved) list.reload();
          }}
        />
      ) : null}
      {list.error ? <LoadFailed message={list.error} retry={list.reload} /> : null}
      {list.loading && !list.page ? <Loading /> : null}
      {list.page && rules.length === 0 ? (
        <EmptyState>
          {L(
            'Nie masz jeszcze żadnych zdarzeń. Kliknij „Dodaj”, wybierz zdarzenie (np. Wysyłka zamówienia), liczbę dni i treść wiadomości.',
            'No rules yet. Click "Add", pick an event (e.g. Order shipped), the number of days and the message.',
          )}
        </EmptyState>
      ) : null}
      {rules.length > 0 ? (
        <div class="table-wrap">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{L('Nazwa eventu', 'Event')}</th>
                <th scope="col">{L('Opóźnienie [dni]', 'Delay [days]')}</th>
                <th scope="col">{L('Wiadomość', 'Message')}</th>
                <th scope="col">{L('Aktywny', 'Active')}</th>
                <th scope="col">{L('Akcje', 'Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id} data-rule={rule.id}>
                  <td>{eventName(rule)}</td>
                  <td class="num">{rule.delayDays}</td>
                  <td class="message-cell">{rule.text}</td>
                  <td>{rule.active ? L('Tak', 'Yes') : L('Nie', 'No')}</td>
                  <td class="actions">
                    <button
                      type="button"
                      class="button button-small button-danger-link"
                      disabled={busyId === rule.id}
                      onClick={() => act(rule, 'delete')}
                    >
                      {L('Usuń', 'Delete')}
                    </button>
                    <button type="button" class="button button-small" onClick={() => open({ mode: 'edit', rule })}>
                      {L('Edytuj', 'Edit')}
                    </button>
                    <button type="button" class="button button-small" disabled={busyId === rule.id} onClick={() => act(rule, 'toggle')}>
                      {rule.active ? L('Wyłącz', 'Switch off') : L('Włącz', 'Switch on')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.page && (rules.length > 0 || list.pageIndex > 0) ? (
        <Pager pageIndex={list.pageIndex} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} total={list.page.total} />
      ) : null}
    </section>
  );
}

interface RuleForm {
  event: CelebrationEvent;
  delayDays: number;
  text: string;
  active: boolean;
}

function CelebrationEditor(props: { editing: NonNullable<Editing>; onDone: (saved: boolean) => void }) {
  const rule = props.editing.mode === 'edit' ? props.editing.rule : undefined;
  const example = CELEBRATION_EXAMPLES[0]!;
  const form = useForm<RuleForm>(
    'celebration',
    rule
      ? { event: rule.event as CelebrationEvent, delayDays: rule.delayDays, text: rule.text, active: rule.active }
      : { event: example.event, delayDays: example.delayDays, text: example.text, active: true },
  );
  const pickEvent = (event: CelebrationEvent) => {
    // A new rule starts from the event's example text, unless the merchant already wrote their own.
    const proposal = CELEBRATION_EXAMPLES.find((e) => e.event === event);
    const untouched = !rule && CELEBRATION_EXAMPLES.some((e) => e.text === form.value.text);
    form.set(untouched && proposal ? { event, text: proposal.text, delayDays: proposal.delayDays } : { event });
  };
  const save = (e: Event) => {
    e.preventDefault();
    void form
      .submit(
        async (value) => {
          if (rule) {
            await apiCall(ADMIN.changeCelebration, { params: { id: rule.id }, body: checkRequest(CelebrationPatch, value) });
          } else {
            await apiCall(ADMIN.addCelebration, { body: checkRequest(CelebrationBody, value) });
          }
        },
        rule ? L('Zdarzenie zostało zapisane', 'The rule is saved') : L('Zdarzenie zostało dodane', 'The rule is added'),
      )
      .then((ok) => {
        if (ok) props.onDone(true);
      });
  };
  return (
    <form
      class="edition-form panel"
      onSubmit={save}
      noValidate
      aria-label={rule ? L('Edycja zdarzenia', 'Edit rule') : L('Nowe zdarzenie', 'New rule')}
    >
      <h3>{rule ? L('Edytuj zdarzenie', 'Edit rule') : L('Nowe zdarzenie', 'New rule')}</h3>
      <FieldLine id="celebration-event" label={L('Zdarzenie:', 'Event:')} error={form.errors.event}>
        <select
          id="celebration-event"
          value={form.value.event}
          onChange={(e) => pickEvent((e.currentTarget as HTMLSelectElement).value as CelebrationEvent)}
        >
          {CELEBRATION_EVENTS.map((event) => (
            <option key={event} value={event}>
              {CELEBRATION_EVENT_NAMES[event][locale.value]}
            </option>
          ))}
        </select>
      </FieldLine>
      <DaysField
        id="celebration-delay"
        label={L('Opóźnienie [dni]:', 'Delay [days]:')}
        value={form.value.delayDays}
        onChange={(delayDays) => form.set({ delayDays })}
        error={form.errors.delayDays}
      />
      <Composer
        id="celebration-text"
        kind="celebration"
        label={L('Wiadomość:', 'Message:')}
        value={form.value.text}
        onChange={(text) => form.set({ text })}
        error={form.errors.text}
      />
      <Checkbox
        id="celebration-active"
        label={L('Aktywny', 'Active')}
        checked={form.value.active}
        onChange={(active) => form.set({ active })}
      />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty}>
        <button
          type="button"
          class="button"
          onClick={() => {
            if (confirmDiscard()) props.onDone(false);
          }}
        >
          {L('Anuluj', 'Cancel')}
        </button>
      </SaveBar>
    </form>
  );
}
