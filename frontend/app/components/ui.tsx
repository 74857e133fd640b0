// Small form pieces in the Shoper admin's markup (edition-form-line), each with a label and its error next to it.
import type { ComponentChildren } from 'preact';
import { L } from '../i18n';

export function FieldLine(props: { id: string; label: string; error?: string; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class={`edition-form-line${props.error ? ' has-error' : ''}`}>
      <label class="edition-form-line-label" for={props.id}>
        {props.label}
      </label>
      <div class="edition-form-line-field">
        {props.children}
        {props.hint ? (
          <div class="hint" id={`${props.id}-hint`}>
            {props.hint}
          </div>
        ) : null}
        {props.error ? (
          <div class="field-error" id={`${props.id}-error`} role="alert">
            {props.error}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** A whole number of days (0–365, or from `min`), as every delay field in the manual ("Opóźnienie [dni]", "Po upływie czasu"). */
export function DaysField(props: {
  id: string;
  label: string;
  value: number;
  onChange: (days: number) => void;
  error?: string;
  min?: number;
  hint?: string;
}) {
  return (
    <FieldLine id={props.id} label={props.label} error={props.error} hint={props.hint}>
      <input
        id={props.id}
        type="number"
        min={props.min ?? 0}
        max={365}
        step={1}
        inputMode="numeric"
        value={props.value}
        onInput={(e) => props.onChange(Number((e.currentTarget as HTMLInputElement).value || 0))}
      />
    </FieldLine>
  );
}

/** "Tak / Nie" radios, as in the manual (Wyślij, Włącz powiadomienia). */
export function YesNo(props: { name: string; legend: string; value: boolean; onChange: (value: boolean) => void; error?: string }) {
  return (
    <fieldset class={`edition-form-line yes-no${props.error ? ' has-error' : ''}`}>
      <legend class="edition-form-line-label">{props.legend}</legend>
      <div class="edition-form-line-field">
        <label class="radio">
          <input type="radio" name={props.name} value="yes" checked={props.value} onChange={() => props.onChange(true)} /> {L('Tak', 'Yes')}
        </label>
        <label class="radio">
          <input type="radio" name={props.name} value="no" checked={!props.value} onChange={() => props.onChange(false)} /> {L('Nie', 'No')}
        </label>
        {props.error ? (
          <div class="field-error" role="alert">
            {props.error}
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

export function Checkbox(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  return (
    <div class="edition-form-line checkbox-line">
      <div class="edition-form-line-field">
        <label class="check" for={props.id}>
          <input
            id={props.id}
            type="checkbox"
            checked={props.checked}
            onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
          />
          <span>{props.label}</span>
        </label>
        {props.hint ? <div class="hint">{props.hint}</div> : null}
      </div>
    </div>
  );
}

export function FormError(props: { message?: string }) {
  if (!props.message) return null;
  return (
    <div class="alert alert-error" role="alert">
      {props.message}
    </div>
  );
}

export function Intro(props: { children: ComponentChildren }) {
  return <p class="intro">{props.children}</p>;
}

export function SaveBar(props: { busy: boolean; dirty: boolean; label?: string; children?: ComponentChildren }) {
  return (
    <div class="edition-form-buttons">
      <button type="submit" class="button button-primary" disabled={props.busy}>
        {props.busy ? L('Zapisywanie…', 'Saving…') : (props.label ?? L('Zapisz', 'Save'))}
      </button>
      {props.dirty ? <span class="unsaved-note">{L('Niezapisane zmiany', 'Unsaved changes')}</span> : null}
      {props.children}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {L('Wczytywanie…', 'Loading…')}
    </p>
  );
}

export function LoadFailed(props: { message: string; retry: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      {props.message}{' '}
      <button type="button" class="button button-link" onClick={props.retry}>
        {L('Spróbuj ponownie', 'Try again')}
      </button>
    </div>
  );
}
