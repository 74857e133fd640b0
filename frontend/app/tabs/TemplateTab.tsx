// A tab that edits one message kind's template: "Dostępność produktu" (4.5) and "Porzucone koszyki" (4.7).
import type { ComponentChildren } from 'preact';
import { DEFAULT_TEMPLATES } from '#domain/default-templates';
import type { TemplateKind } from '#domain/notification-kinds';
import { loadTemplates, saveTemplate } from '../api/templates';
import { Composer } from '../composer/Composer';
import { Checkbox, DaysField, FormError, Intro, LoadFailed, Loading, SaveBar, YesNo } from '../components/ui';
import { useForm, useLoad } from '../form';
import { L } from '../i18n';
import { widgetSnippet } from './widget-snippet';

type Kind = Exclude<TemplateKind, 'owner-new-order'>;

interface TemplateForm {
  enabled: boolean;
  delayDays: number;
  text: string;
}

export function BackInStockTab(props: { shop: string }) {
  return (
    <TemplateTab
      kind="back-in-stock"
      title={L('Powiadomienia o dostępności produktu', 'Back-in-stock notifications')}
      intro={L(
        'Ta funkcja pozwoli Ci wysłać powiadomienie do osób, które podały swój numer na stronie produktu i wyraziły chęć otrzymania wiadomości. Gdy produkt znów będzie dostępny, system automatycznie wyśle SMS.',
        'Notify the people who left their number on a product page and asked for a message. When the product is back in stock, the SMS goes automatically.',
      )}
      after={<WidgetInstructions shop={props.shop} />}
    />
  );
}

export function AbandonedCartTab() {
  return (
    <TemplateTab
      kind="abandoned-cart"
      title={L('Odzyskiwanie porzuconych koszyków', 'Abandoned basket recovery')}
      intro={L(
        'Ta funkcja pozwoli Ci zachęcić klientów do dokończenia transakcji. Wiadomość zostanie wysłana do klientów, którzy dodadzą produkty do koszyka, a nie sfinalizują transakcji.',
        'Encourage customers to finish their purchase: the message goes to customers who put products in the basket and did not order.',
      )}
    />
  );
}

function TemplateTab(props: { kind: Kind; title: string; intro: string; after?: ComponentChildren }) {
  const loaded = useLoad(async (): Promise<TemplateForm> => {
    const saved = (await loadTemplates())[props.kind];
    return {
      enabled: saved?.enabled ?? false,
      delayDays: saved?.delayDays ?? (props.kind === 'abandoned-cart' ? 1 : 0),
      text: saved?.text ?? DEFAULT_TEMPLATES[props.kind],
    };
  }, [props.kind]);
  return (
    <section aria-labelledby={`tab-title-${props.kind}`}>
      <h2 id={`tab-title-${props.kind}`}>{props.title}</h2>
      <Intro>{props.intro}</Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? <TemplateEditor kind={props.kind} initial={loaded.data} /> : null}
      {props.after}
    </section>
  );
}

function TemplateEditor(props: { kind: Kind; initial: TemplateForm }) {
  const form = useForm<TemplateForm>(props.kind, props.initial);
  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(
      async (value) => {
        const saved = await saveTemplate(props.kind, value);
        return { enabled: saved.enabled, delayDays: saved.delayDays, text: saved.text };
      },
      props.kind === 'back-in-stock'
        ? L('Powiadomienia o dostępności produktu zostały zapisane', 'Back-in-stock notifications are saved')
        : L('Przypomnienia o porzuconych koszykach zostały zapisane', 'Abandoned basket reminders are saved'),
    );
  };
  return (
    <form class="edition-form panel" onSubmit={save} noValidate>
      {props.kind === 'back-in-stock' ? (
        <YesNo
          name="bis-enabled"
          legend={L('Włącz powiadomienia:', 'Enable notifications:')}
          value={form.value.enabled}
          onChange={(enabled) => form.set({ enabled })}
        />
      ) : (
        <>
          <Checkbox
            id="cart-enabled"
            label={L('Aktywne', 'Active')}
            checked={form.value.enabled}
            onChange={(enabled) => form.set({ enabled })}
          />
          <DaysField
            id="cart-delay"
            label={L('Po upływie czasu [dni]:', 'After [days]:')}
            min={1}
            hint={L('Od 1 do 365 dni od porzucenia koszyka.', 'From 1 to 365 days after the basket was left.')}
            value={form.value.delayDays}
            onChange={(delayDays) => form.set({ delayDays })}
            error={form.errors.delayDays}
          />
        </>
      )}
      <Composer
        id={`${props.kind}-text`}
        kind={props.kind}
        label={
          props.kind === 'back-in-stock'
            ? L(
                'Wpisz treść powiadomienia, które zostanie dostarczone kiedy produkt będzie dostępny:',
                'The message sent when the product is available again:',
              )
            : L('Wiadomość:', 'Message:')
        }
        value={form.value.text}
        onChange={(text) => form.set({ text })}
        error={form.errors.text}
      />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}

function WidgetInstructions(props: { shop: string }) {
  const snippet = widgetSnippet(window.location.origin, props.shop);
  const copy = () => {
    void navigator.clipboard?.writeText(snippet);
  };
  return (
    <div class="panel widget-help">
      <h3>{L('Formularz zapisu na stronie produktu', 'Sign-up form on the product page')}</h3>
      <p>
        {L(
          'Aby klienci mogli zostawić numer przy niedostępnym produkcie, wklej poniższą linię do szablonu sklepu (Wygląd sklepu -> Szablony -> edycja szablonu, przed zamknięciem </body>):',
          'For customers to leave their number on an unavailable product, paste this line into the shop template (Store design -> Templates -> edit, before </body>):',
        )}
      </p>
      <label class="visually-hidden" for="widget-snippet">
        {L('Kod do wklejenia', 'Code to paste')}
      </label>
      <textarea
        id="widget-snippet"
        class="code"
        readOnly
        rows={2}
        value={snippet}
        onFocus={(e) => (e.currentTarget as HTMLTextAreaElement).select()}
      />
      <button type="button" class="button" onClick={copy}>
        {L('Kopiuj', 'Copy')}
      </button>
      <p class="hint">
        {L('Zapisane numery zobaczysz w zakładce „Lista powiadomień”.', 'Sign-ups are listed on the "Notification list" tab.')}
      </p>
    </div>
  );
}
