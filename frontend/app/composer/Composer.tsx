// The message box with everything under it: the manual's live counter, the special-characters warning, the
// click-to-insert parameters of this message kind, and a preview with sample data and its true cost in parts.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { PLACEHOLDERS, type MessageKind } from '#domain/placeholders';
import { L, plural } from '../i18n';
import { replaceSpecialCharactersSetting } from '../api/account';
import { ensureLinkSettings, linkSettings } from '../api/links';
import { composerFigures, counterLabel, describeCharacter, issueText, smsCount } from './counter';
import { WorstCaseNotes } from './WorstCase';

export interface ComposerProps {
  id: string;
  kind: MessageKind;
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The server's message for this field (shown under the box). */
  error?: string;
  rows?: number;
}

export function Composer(props: ComposerProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once the box shows an inserted parameter: set in the same task as that render, so what
  // the merchant types next lands after the parameter.
  const caretAfterInsert = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const box = area.current;
    const caret = caretAfterInsert.current;
    if (!box || caret === undefined) return;
    caretAfterInsert.current = undefined;
    box.focus();
    box.setSelectionRange(caret, caret);
  }, [props.value]);
  const replace = replaceSpecialCharactersSetting();
  ensureLinkSettings();
  const links = linkSettings.value;
  const figures = composerFigures(props.kind, props.value, {
    replaceSpecialCharacters: replace,
    linkBase: links?.base,
    autoStopLink: links?.autoStopLink,
  });
  const special = figures.template.specialCharacters;
  const counterId = `${props.id}-counter`;
  const previewId = `${props.id}-preview`;

  const insert = (name: string) => {
    const box = area.current;
    const token = `{${name}}`;
    const start = box?.selectionStart ?? props.value.length;
    const end = box?.selectionEnd ?? props.value.length;
    const next = props.value.slice(0, start) + token + props.value.slice(end);
    caretAfterInsert.current = start + token.length;
    props.onChange(next);
  };

  return (
    <div class={`edition-form-line composer${props.error ? ' has-error' : ''}`}>
      <label class="edition-form-line-label" for={props.id}>
        {props.label}
      </label>
      <div class="edition-form-line-field">
        <textarea
          id={props.id}
          ref={area}
          rows={props.rows ?? 4}
          value={props.value}
          onInput={(e) => props.onChange((e.currentTarget as HTMLTextAreaElement).value)}
          aria-describedby={`${counterId} ${previewId}${props.error ? ` ${props.id}-error` : ''}`}
          aria-invalid={props.error ? true : undefined}
          spellcheck
        />
        <div class="composer-status">
          <span class="composer-warning" role={special.length ? 'status' : undefined}>
            {special.length ? (
              <>
                {L('Wiadomość zawiera znaki specjalne', 'The message contains special characters')}:{' '}
                <span class="special-list">{special.map(describeCharacter).join(' ')}</span>
              </>
            ) : null}
          </span>
          <span class={`composer-counter${figures.template.tooLong ? ' too-long' : ''}`} id={counterId} aria-live="polite">
            {counterLabel(figures.template)}
          </span>
        </div>
        <WorstCaseNotes id={props.id} kind={props.kind} text={props.value} replaceSpecialCharacters={replace} onChange={props.onChange} />
        {replace ? (
          <div class="hint">
            {L(
              'Zastępowanie znaków specjalnych jest włączone: licznik liczy tekst po zamianie (np. ą → a, ł → l).',
              'Special characters are replaced (e.g. ą → a, ł → l): the counter counts the text after replacement.',
            )}
          </div>
        ) : null}
        {props.error ? (
          <div class="field-error" id={`${props.id}-error`} role="alert">
            {props.error}
          </div>
        ) : null}
        {!props.error && figures.issues.length > 0 ? (
          <ul class="composer-issues">
            {figures.issues.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        ) : null}
        <div class="placeholders">
          <div class="placeholders-title">
            {L('Lista dostępnych parametrów, które można wykorzystać w wiadomości:', 'Parameters you can use in this message:')}
          </div>
          <ul>
            {PLACEHOLDERS[props.kind].map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  class="placeholder-chip"
                  onClick={() => insert(p.name)}
                  title={L('Wstaw w miejscu kursora', 'Insert at the cursor')}
                  aria-label={L(`Wstaw parametr {${p.name}} — ${p.pl}`, `Insert parameter {${p.name}}: ${p.en}`)}
                >
                  {`{${p.name}}`}
                </button>{' '}
                <span class="placeholder-meaning">- {L(p.pl, p.en)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div class="preview" id={previewId}>
          <div class="preview-title">{L('Podgląd z przykładowymi danymi:', 'Preview with sample data:')}</div>
          <div class="preview-text" data-testid="preview-text">
            {figures.preview === '' ? <span class="muted">{L('(pusta wiadomość)', '(empty message)')}</span> : figures.preview}
          </div>
          <div class="preview-cost">
            {smsCount(figures.previewLength.parts)} · {figures.previewLength.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode (UCS-2)'} ·{' '}
            {L('szacowany koszt', 'estimated cost')}: {Math.max(1, figures.previewLength.parts)}{' '}
            {plural(Math.max(1, figures.previewLength.parts), ['część', 'części', 'części'], ['part', 'parts'])}{' '}
            {L('SMS na odbiorcę', 'per recipient')}
          </div>
        </div>
      </div>
    </div>
  );
}
