// Every save confirms: Shoper's flashMessage inside the admin, an inline toast (role=status) elsewhere.
import { signal } from '@preact/signals-core';
import { flashMessage } from './shoper-sdk';

export interface Toast {
  id: number;
  text: string;
  type: 'success' | 'error' | 'info';
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;

export function notify(text: string, type: Toast['type'] = 'success') {
  if (flashMessage(text, type)) return;
  const toast: Toast = { id: nextId++, text, type };
  toasts.value = [...toasts.value, toast];
  window.setTimeout(() => dismiss(toast.id), type === 'error' ? 8000 : 4000);
}

export function dismiss(id: number) {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
