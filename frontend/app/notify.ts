// Every save confirms: Shoper's flashMessage inside the admin, an inline toast (role=status) elsewhere. One at a
// time and short-lived; a refused field gets no toast, its error stands next to it.
import { signal } from '@preact/signals-core';
import { flashMessage } from './shoper-sdk';

export interface Toast {
  id: number;
  text: string;
  type: 'success' | 'error' | 'info';
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;
let timer: number | undefined;

/** How long a toast stays: short, errors a little longer (they also stay next to their field or form). */
export const TOAST_MS: Record<Toast['type'], number> = { success: 3000, info: 3000, error: 6000 };

/** One toast at a time: a new one replaces the last instead of piling up over the form. */
export function notify(text: string, type: Toast['type'] = 'success') {
  if (flashMessage(text, type)) return;
  const toast: Toast = { id: nextId++, text, type };
  toasts.value = [toast];
  if (timer !== undefined) window.clearTimeout(timer);
  timer = window.setTimeout(() => dismiss(toast.id), TOAST_MS[type]);
}

export function dismiss(id: number) {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** A refused field shows its error next to it: any toast still up goes, so nothing covers the field. */
export function dismissAll() {
  toasts.value = [];
}
