// "Nowe zamówienia" (manual 4.2): the owner's phone, Wyślij Tak/Nie and the message, saved together.
import { DEFAULT_TEMPLATES } from '#domain/default-templates';
import { saveSettings, loadSettings } from '../api/settings';
import { loadTemplates, saveTemplate } from '../api/templates';
import { Composer } from '../composer/Composer';
import { FieldLine, FormError, Intro, LoadFailed, Loading, SaveBar, YesNo } from '../components/ui';
import { useForm, useLoad } from '../form';
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

function NewOrderEditor(props: { initial: NewOrderForm }) {
  const form = useForm<NewOrderForm>('owner-new-order', props.initial);
  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(async (value) => {
      const settings = await saveSettings({ ownerPhone: value.ownerPhone.trim() === '' ? null : value.ownerPhone.trim() });
      const template = await saveTemplate('owner-new-order', { enabled: value.enabled, delayDays: 0, text: value.text });
      return { ownerPhone: settings.ownerPhone ?? '', enabled: template.enabled, text: template.text };
    }, L('Powiadomienie o nowych zamówieniach zostało zapisane', 'The new-order alert is saved'));
  };
  return (
    <form class="edition-form panel" onSubmit={save} noValidate>
      <FieldLine
        id="owner-phone"
        label={L('Numer telefonu właściciela:', "Owner's phone number:")}
        error={form.errors.ownerPhone}
        hint={L('Na ten numer będą przychodzić powiadomienia, np. +48 600 100 200.', 'Alerts go to this number, e.g. +48 600 100 200.')}
      >
        <input id="owner-phone" type="tel" autocomplete="tel" value={form.value.ownerPhone} onInput={(e) => form.set({ ownerPhone: (e.currentTarget as HTMLInputElement).value })} />
      </FieldLine>
      <YesNo name="owner-enabled" legend={L('Wyślij:', 'Send:')} value={form.value.enabled} onChange={(enabled) => form.set({ enabled })} error={form.errors.enabled} />
      <Composer id="owner-text" kind="owner-new-order" label={L('Wiadomość:', 'Message:')} value={form.value.text} onChange={(text) => form.set({ text })} error={form.errors.text} />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}
