// Form submission state: busy while the request runs, then a general error and per-field
// errors (from the server's `fields`, or from the shared validators before sending).
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api';

export type FieldErrors = Readonly<Record<string, string>>;

/** Thrown by a submit handler when input fails validation before anything is sent. */
export class InvalidInput extends Error {
  constructor(readonly fields: FieldErrors) {
    super('Some fields need attention.');
  }
}

export interface SubmitState {
  busy: boolean;
  error: string | null;
  fields: FieldErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  reset: () => void;
}

/** Wraps `run(formData)`; the first field with an error gets focus, so keyboard users land on it. */
export function useSubmit(run: (data: FormData) => Promise<void>): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const busyRef = useRef(false);

  const reset = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (busyRef.current) return;
      const form = event.currentTarget;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      setFields({});
      run(new FormData(form))
        .catch((caught: unknown) => {
          const fieldErrors = caught instanceof InvalidInput || caught instanceof ApiError ? caught.fields : {};
          setFields(fieldErrors);
          const fieldNames = Object.keys(fieldErrors);
          // A field error already says what to fix; a banner is for everything else.
          if (fieldNames.length === 0) setError(errorMessage(caught));
          const first = fieldNames.map((name) => form.elements.namedItem(name)).find((el) => el instanceof HTMLElement);
          if (first instanceof HTMLElement) requestAnimationFrame(() => first.focus());
        })
        .finally(() => {
          busyRef.current = false;
          setBusy(false);
        });
    },
    [run],
  );

  return { busy, error, fields, onSubmit, reset };
}

/** Reads a text field from FormData (absent or a file reads as empty). */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
