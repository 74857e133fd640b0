// "Nowe zamówienia" (manual 4.2): the owner's phone, Wyślij Tak/Nie and the message, saved together.
import { DEFAULT_TEMPLATES } from '#domain/default-templates';
import { saveSettings, loadSettings } from '../api/settings';
import { loadTemplates, saveTemplate } from '../api/templates';
import { Composer } from '../composer/Composer';
import { FieldLine, FormError, Intro, LoadFailed, Loading, SaveBar, YesNo } from '../components/ui';
import { useForm, useLoad } from '../form';
import { ApiError } from '../api/client';
import { L } from '../i18n';

interface NewOrderForm {
  ownerPhone: string;
  enabled: boolean;
  text: string;
}

export function NewOrdersTab() {
  const loaded = useLoad(async () => {
    const [settings, templates] = await Promise.all([loadSettings(), loadTemplates()]);
    const template = templates['owner-new-order'];
    return {
      ownerPhone: settings.ownerPhone ?? '',
      enabled: template?.enabled ?? false,
      text: template?.text ?? DEFAULT_TEMPLATES['owner-new-order'],
    } satisfies NewOrderForm;
  });
  return (
    <section aria-labelledby="tab-title-nowe">
      <h2 id="tab-title-nowe">{L('Powiadomienie o nowych zamówieniach dla właściciela sklepu', 'New-order alert for the shop owner')}</h2>
      <Intro>
        {L(
          'Po wstępnej jednorazowej konfiguracji będziesz otrzymywać SMS o każdym nowym zamówieniu automatycznie.',
          'Set it up once and you will get an SMS about every new order automatically.',
        )}
      </Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? <NewOrderEditor initial={loaded.data} /> : null}
    </section>
  );
}

const PHONE_REQUIRED = () =>
  L(
    'Numer telefonu właściciela: wpisz numer, na który mają przychodzić powiadomienia, albo wybierz „Wyślij: Nie”',
    'Owner\'s phone number: enter the number the alerts go to, or choose "Send: No"',
  );

function NewOrderEditor(props: { initial: NewOrderForm }) {
  const form = useForm<NewOrderForm>('owner-new-order', props.initial);
  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(
      async (value) => {
        const phone = value.ownerPhone.trim() === '' ? null : value.ownerPhone.trim();
        if (value.enabled && phone === null) throw new ApiError(400, 'OWNER_PHONE_REQUIRED', PHONE_REQUIRED(), 'ownerPhone');
        // The server refuses an alert switched on without a phone (and a phone removed from a switched-on alert):
        // switching off goes first, switching on last.
        const saveAlert = () => saveTemplate('owner-new-order', { enabled: value.enabled, delayDays: 0, text: value.text });
        const template = value.enabled ? undefined : await saveAlert();
        const settings = await saveSettings({ ownerPhone: phone });
        const saved = template ?? (await saveAlert());
        return { ownerPhone: settings.ownerPhone ?? '', enabled: saved.enabled, text: saved.text };
      },
      L('Powiadomienie o nowych zamówieniach zostało zapisane', 'The new-order alert is saved'),
    );
  };
  // Saved on, without a phone (possible before the server refused it): the warning stays until the phone is set.
  const alertWithoutPhone = !form.dirty && form.value.enabled && form.value.ownerPhone.trim() === '';
  return (
    <form class="edition-form panel" onSubmit={save} noValidate>
      {alertWithoutPhone ? (
        <div class="alert alert-warning" role="alert" data-testid="owner-phone-missing">
          {L(
            'Powiadomienie jest włączone, ale nie wyjdzie: brak numeru telefonu właściciela. Wpisz numer i zapisz.',
            'The alert is on but cannot go out: there is no owner phone number. Enter it and save.',
          )}
        </div>
      ) : null}
      <FieldLine
        id="owner-phone"
        label={L('Numer telefonu właściciela:', "Owner's phone number:")}
        error={form.errors.ownerPhone}
        hint={L('Na ten numer będą przychodzić powiadomienia, np. +48 600 100 200.', 'Alerts go to this number, e.g. +48 600 100 200.')}
      >
        <input
          id="owner-phone"
          type="tel"
          autocomplete="tel"
          value={form.value.ownerPhone}
          onInput={(e) => form.set({ ownerPhone: (e.currentTarget as HTMLInputElement).value })}
        />
      </FieldLine>
      <YesNo
        name="owner-enabled"
        legend={L('Wyślij:', 'Send:')}
        value={form.value.enabled}
        onChange={(enabled) => form.set({ enabled })}
        error={form.errors.enabled}
      />
      <Composer
        id="owner-text"
        kind="owner-new-order"
        label={L('Wiadomość:', 'Message:')}
        value={form.value.text}
        onChange={(text) => form.set({ text })}
        error={form.errors.text}
      />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}
