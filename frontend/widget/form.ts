// The sign-up form: a phone field, the consent checkbox with the shop's text, a hidden trap field for bots, and
// a live status line; accessible (labels, aria-live, focus on the field to fix) and styled without a framework.
import { call } from './api';
import { TEXTS, type Lang, type TextKey } from './i18n';
import { consentVersion, type WidgetSettings } from './settings';

const STYLE = `.smsw{margin:16px 0;padding:16px;border:1px solid #d0d7de;border-radius:6px;font:inherit;max-width:480px}
.smsw h3{margin:0 0 8px;font-size:1.1em}.smsw p{margin:0 0 8px}.smsw label{display:block;margin:0 0 4px}
.smsw input[type=tel]{box-sizing:border-box;width:100%;padding:8px;margin:0 0 8px;font:inherit}
.smsw .smsw-consent{display:flex;gap:8px;align-items:flex-start;font-size:.9em;margin:0 0 8px}
.smsw button{padding:8px 16px;font:inherit;cursor:pointer}.smsw .smsw-hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.smsw [role=status]{min-height:1.4em;margin:8px 0 0}.smsw .smsw-error{color:#b42318}.smsw .smsw-ok{color:#067647}
.smsw .smsw-link{background:none;border:0;padding:0;color:inherit;text-decoration:underline}`;

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderSignUpForm(settings: WidgetSettings, lang: Lang, productId: string, clientId: string | undefined): HTMLElement {
  const t = (key: TextKey) => TEXTS[lang][key];
  if (!document.getElementById('smsw-style')) {
    const style = el('style', { id: 'smsw-style' }, STYLE);
    document.head.appendChild(style);
  }
  const id = `smsw-${++uid}`;
  const section = el('section', { class: 'smsw', 'aria-labelledby': `${id}-title`, lang });
  section.append(el('h3', { id: `${id}-title` }, t('title')), el('p', {}, t('intro')));

  const form = el('form', { novalidate: '' });
  const phone = el('input', {
    id: `${id}-phone`,
    type: 'tel',
    name: 'phone',
    autocomplete: 'tel',
    inputmode: 'tel',
    maxlength: '32',
    required: '',
    'aria-describedby': `${id}-status`,
  });
  const trap = el('div', { class: 'smsw-hp', 'aria-hidden': 'true' });
  const trapInput = el('input', { type: 'text', name: 'website', tabindex: '-1', autocomplete: 'off' });
  trap.append(trapInput);
  const consentLabel = el('label', { class: 'smsw-consent' });
  const consent = el('input', { type: 'checkbox', name: 'consent', required: '' });
  consentLabel.append(consent, el('span', {}, settings.consentText ?? t('consent')));
  const submit = el('button', { type: 'submit' }, t('submit'));
  const status = el('p', { id: `${id}-status`, role: 'status', 'aria-live': 'polite' });
  form.append(el('label', { for: phone.id }, t('phone')), phone, trap, consentLabel, submit, status);
  section.append(form);

  const show = (text: string, kind: 'ok' | 'error' | '') => {
    status.textContent = text;
    status.className = kind ? `smsw-${kind}` : '';
  };
  const invalid = (field: HTMLInputElement, text: string) => {
    field.setAttribute('aria-invalid', 'true');
    show(text, 'error');
    field.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    phone.removeAttribute('aria-invalid');
    consent.removeAttribute('aria-invalid');
    if (!phone.value.trim()) return invalid(phone, t('needPhone'));
    if (!consent.checked) return invalid(consent, t('needConsent'));
    submit.disabled = true;
    show(t('sending'), '');
    const answer = await call(settings, lang, 'subscriptions', {
      productId,
      phone: phone.value.trim(),
      consent: true,
      consentTextVersion: consentVersion(settings),
      locale: lang,
      website: trapInput.value,
      ...(clientId ? { clientId } : {}),
    });
    submit.disabled = false;
    if (answer.ok) {
      show(String(answer.body.message ?? ''), 'ok');
      const token = String(answer.body.withdrawToken ?? '');
      if (token) offerWithdraw(token);
      form.reset();
      return;
    }
    const code = answer.code as TextKey | undefined;
    const text = answer.status === 0 ? t('network') : code && code in TEXTS[lang] ? t(code) : (answer.message ?? t('failed'));
    if (answer.code?.startsWith('PHONE_')) return invalid(phone, text);
    show(text, 'error');
  });

  function offerWithdraw(token: string) {
    section.querySelector('.smsw-link')?.remove();
    const undo = el('button', { type: 'button', class: 'smsw-link' }, t('withdraw'));
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      const answer = await call(settings, lang, 'subscriptions/withdraw', { token, locale: lang });
      if (answer.ok) {
        show(t('withdrawn'), 'ok');
        undo.remove();
      } else {
        undo.disabled = false;
        show(answer.status === 0 ? t('network') : (answer.message ?? t('failed')), 'error');
      }
    });
    section.append(undo);
  }

  return section;
}
