// Unsaved changes are never lost silently: each form registers whether it is dirty; switching tabs or leaving
// the page asks first.
import { signal } from '@preact/signals-core';
import { L } from './i18n';

const dirtyForms = signal<ReadonlySet<string>>(new Set());

export function setDirty(form: string, dirty: boolean) {
  const current = dirtyForms.value;
  if (current.has(form) === dirty) return;
  const next = new Set(current);
  if (dirty) next.add(form);
  else next.delete(form);
  dirtyForms.value = next;
}

export const hasUnsavedChanges = (): boolean => dirtyForms.value.size > 0;

export function clearAllDirty() {
  dirtyForms.value = new Set();
}

/** Asks before discarding; true when there is nothing to lose or the merchant agrees. */
export function confirmDiscard(): boolean {
  if (!hasUnsavedChanges()) return true;
  const ok = window.confirm(L('Masz niezapisane zmiany. Czy na pewno chcesz je porzucić?', 'You have unsaved changes. Discard them?'));
  if (ok) clearAllDirty();
  return ok;
}

export function guardPageLeave() {
  window.addEventListener('beforeunload', (event) => {
    if (!hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = '';
  });
}
