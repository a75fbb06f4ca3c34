"use client";

import { useTranslations } from "next-intl";
import {
  useActionState,
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  useTransition,
  type FormEvent,
} from "react";
import type { z } from "zod";

import type { ActionState } from "@/lib/http/action";
import { formFields, parseForm, type FieldCode } from "@/lib/forms";
import { fieldText, type FieldWords } from "@/lib/i18n/fieldText";

/** A datetime-local value (the browser's time zone) → ISO 8601 UTC; anything unreadable unchanged,
 *  so the schema names the field. */
export function fromLocalInput(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

interface FieldFailure {
  fieldErrors: Record<string, string>;
  fieldCodes: Record<string, FieldCode>;
}

/**
 * A form on its server action (useActionState). On submit, datetime-local values (`dates`) become
 * ISO 8601, and the form is checked in the browser with `schema` — the one its action parses with
 * (formInput of the API's input, lib/forms.ts) — so a field error shows beside its field without a
 * round trip; only a form that passes is posted, and the action checks it again. What the user typed
 * stays when there are errors; after a success the form empties and `onOk` runs (invalidate the
 * queries it touched). Field errors are worded by lib/i18n/fieldText.ts, here and in the action alike.
 */
export function useActionForm<T>(
  action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  options: {
    schema?: z.ZodType;
    dates?: readonly string[];
    onOk?: (data: T) => unknown;
    keepValues?: boolean;
  } = {},
) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  const [, startTransition] = useTransition();
  const [local, setLocal] = useState<FieldFailure | null>(null);
  const words = useTranslations("fields") as unknown as FieldWords;
  /** The form last submitted (set in the submit handler), to empty it after a success. */
  const formRef = useRef<HTMLFormElement | null>(null);

  const succeeded = useEffectEvent((data: T) => {
    if (!options.keepValues) formRef.current?.reset();
    void options.onOk?.(data);
  });
  useEffect(() => {
    if (state.status === "ok") succeeded(state.data);
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    for (const name of options.dates ?? []) {
      const value = formData.get(name);
      if (typeof value === "string" && value !== "") formData.set(name, fromLocalInput(value));
    }
    if (options.schema) {
      const checked = parseForm(options.schema, formFields(formData), (why, path) =>
        fieldText(words, why, path),
      );
      if (!checked.ok) {
        setLocal({ fieldErrors: checked.fieldErrors, fieldCodes: checked.fieldCodes });
        return;
      }
    }
    setLocal(null);
    startTransition(() => dispatch(formData));
  };

  const failed = local ?? (state.status === "error" ? state : null);
  const fieldErrors = failed?.fieldErrors ?? {};
  /** Props for a TextField: its name, and its error beside it (or the hint). */
  const field = (name: string, hint?: string) => {
    const error = fieldErrors[name];
    return { name, error: Boolean(error), helperText: error ?? hint ?? " " };
  };
  const failure = local
    ? local.fieldErrors._
    : state.status === "error"
      ? state.message || fieldErrors._
      : undefined;
  const message = failure || null;
  /** The kind of the action's error (`forbidden`, …), for a form that words it itself. */
  const code = !local && state.status === "error" ? state.code : undefined;
  return { state, pending, onSubmit, field, fieldErrors, message, code };
}
