// Under the message box: what the message costs at worst (every parameter at its realistic longest), which
// parameters can switch it to Unicode (70 characters a part), and the typographic characters and emoji that do
// the same, with a one-click fix to their plain twins.
import { useEffect } from 'preact/hooks';
import type { MessageKind } from '#domain/placeholders';
import { fixTypography, typographicCharacters, worstCase, type TypographyKind } from '#domain/worst-case';
import { CUSTOMER_VALUE_MAX } from '#domain/text-safety';
import { L, plural } from '../i18n';
import { loadLongestValues, shopLongestValues } from '../api/composer';
import { linkSettings } from '../api/links';
import { describeCharacter, smsCount } from './counter';

export interface WorstCaseProps {
  id: string;
  kind: MessageKind;
  text: string;
  replaceSpecialCharacters: boolean;
  onChange: (text: string) => void;
}

const KIND_NAMES: Record<TypographyKind, { pl: string; en: string }> = {
  quote: { pl: 'cudzysłów drukarski', en: 'typographic quote' },
  dash: { pl: 'półpauza/pauza', en: 'dash' },
  ellipsis: { pl: 'wielokropek', en: 'ellipsis' },
  space: { pl: 'twarda spacja', en: 'non-breaking space' },
  emoji: { pl: 'emoji', en: 'emoji' },
};

const placeholderList = (names: string[]) => names.map((n) => `{${n}}`).join(', ');

export function WorstCaseNotes(props: WorstCaseProps) {
  useEffect(() => loadLongestValues(), []);
  if (props.text.trim() === '') return null;
  const links = linkSettings.value;
  const worst = worstCase(props.kind, props.text, {
    replaceSpecialCharacters: props.replaceSpecialCharacters,
    shop: shopLongestValues(),
    linkBase: links?.base,
    autoStopLink: links?.autoStopLink,
  });
  // With replacement on, quotes, dashes and the ellipsis are replaced when sending: only emoji still cost.
  const typography = typographicCharacters(props.text).filter((t) => !props.replaceSpecialCharacters || t.kind === 'emoji');
  const parts = Math.max(1, worst.parts);
  return (
    <div class="worst-case" id={`${props.id}-worst`}>
      <div class="worst-case-count" data-testid="worst-case">
        {L('Najdłuższe realne wartości parametrów', 'Parameters at their realistic longest')}: {L('do', 'up to')} {smsCount(parts)} (
        {worst.length.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode'})
        {worst.shortened
          ? L(
              ` — dłuższe wartości zostaną skrócone, by wiadomość zmieściła się w ${parts} ${plural(parts, ['części', 'częściach', 'częściach'], ['part', 'parts'])}`,
              ` — longer values are shortened to fit ${parts} ${plural(parts, ['part', 'parts', 'parts'], ['part', 'parts'])}`,
            )
          : ''}
      </div>
      {worst.unicodeRisks.length > 0 ? (
        <div class="worst-case-unicode" role="status" data-testid="unicode-risk">
          {L(
            `Uwaga: ${placeholderList(worst.unicodeRisks)} może zawierać polskie litery (np. „Łódź”, do ${CUSTOMER_VALUE_MAX} znaków) — wtedy cała wiadomość pójdzie w Unicode (70 znaków na część): do ${smsCount(parts)} zamiast ${smsCount(worst.partsAsGsm)}. Włącz „Zastąp znaki specjalne” w zakładce Konto SMSAPI.`,
            `Note: ${placeholderList(worst.unicodeRisks)} may hold Polish letters (e.g. "Łódź", up to ${CUSTOMER_VALUE_MAX} characters): the whole message then goes as Unicode (70 characters a part), up to ${smsCount(parts)} instead of ${smsCount(worst.partsAsGsm)}. Turn on "Replace special characters" on the SMSAPI account tab.`,
          )}
        </div>
      ) : null}
      {typography.length > 0 ? (
        <div class="worst-case-typography" role="status" data-testid="typography">
          {L(
            'Znaki, które zmieniają kodowanie na Unicode i podnoszą koszt',
            'Characters that switch the message to Unicode and raise the cost',
          )}
          :{' '}
          <span class="special-list">
            {typography.map((t) => `${describeCharacter(t.character)} (${L(KIND_NAMES[t.kind].pl, KIND_NAMES[t.kind].en)})`).join(', ')}
          </span>{' '}
          <button type="button" class="button-link" onClick={() => props.onChange(fixTypography(props.text))}>
            {L('Zamień na zwykłe znaki', 'Replace with plain characters')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
