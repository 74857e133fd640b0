// One form's life: the saved values, the edited ones, whether they differ (reported to the unsaved-changes
// guard), the server's errors keyed by field, and a submit that confirms or shows what went wrong.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from './api/client';
import { dismissAll, notify } from './notify';
import { setDirty } from './unsaved';
import { adjustIframeSize } from './shoper-sdk';

export interface FormState<T> {
  value: T;
  set: (patch: Partial<T>) => void;
  /** Replace both saved and edited values (after loading or saving). */
  reset: (value: T) => void;
  dirty: boolean;
  busy: boolean;
  errors: Record<string, string>;
  formError: string | undefined;
  submit: (save: (value: T) => Promise<T | void>, confirmation: string) => Promise<boolean>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useForm<T>(formId: string, initial: T): FormState<T> {
  const [saved, setSaved] = useState<T>(initial);
  const [value, setValue] = useState<T>(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const dirty = !same(saved, value);
  // Set when a refused save put an error next to a field: once that error is on screen (same task as the render,
  // so nobody sees the error before the field has focus), the field is brought into view and focused.
  const focusRefusedField = useRef(false);
  useLayoutEffect(() => {
    if (!focusRefusedField.current) return;
    focusRefusedField.current = false;
    const field = document.querySelector<HTMLElement>('.has-error input, .has-error textarea, .has-error select');
    field?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, [errors]);

  useEffect(() => {
    setDirty(formId, dirty);
  }, [formId, dirty]);
  useEffect(() => () => setDirty(formId, false), [formId]);
  useEffect(() => adjustIframeSize());

  return {
    value,
    dirty,
    busy,
    errors,
    formError,
    set: (patch) => {
      setValue((current) => ({ ...current, ...patch }));
      // An edited field's old error no longer applies.
      const touched = Object.keys(patch);
      setErrors((current) =>
        Object.fromEntries(
          Object.entries(current).filter(
            ([field]) => !touched.some((t) => field === t || field.startsWith(`${t}.`) || field.endsWith(`.${t}`)),
          ),
        ),
      );
    },
    reset: (next) => {
      setSaved(next);
      setValue(next);
      setErrors({});
      setFormError(undefined);
    },
    submit: async (save, confirmation) => {
      setBusy(true);
      setErrors({});
      setFormError(undefined);
      try {
        const result = await save(value);
        const next = result === undefined ? value : result;
        setSaved(next);
        setValue(next);
        notify(confirmation, 'success');
        return true;
      } catch (error) {
        const message = errorMessage(error);
        if (error instanceof ApiError && error.field && error.field !== 'body') {
          // The error stands next to its field (role=alert): no toast over the form; the field is brought into view.
          focusRefusedField.current = true;
          setErrors({ [error.field]: message });
          dismissAll();
        } else {
          setFormError(message);
          notify(message, 'error');
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Loads data for a tab; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (result) => {
        if (!current) return;
        setData(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [round, ...deps]);
  useEffect(() => adjustIframeSize());
  return { data, error, loading, reload: () => setRound((r) => r + 1), setData };
}
