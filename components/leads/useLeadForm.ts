"use client";

import { useActionState, useEffect, useEffectEvent, useRef, useTransition, type FormEvent } from "react";

import type { ActionState } from "@/lib/http/action";

import { fromLocalInput } from "./time";

/**
 * A lead form on its server action (useActionState): submits the form's fields with datetime-local
 * values turned into ISO 8601, keeps what the user typed when the action answers with errors, and
 * empties the form and calls `onOk` (invalidate the queries it touched) when it succeeds.
 */
export function useLeadForm<T>(
  action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  options: { dates?: readonly string[]; onOk?: (data: T) => unknown; keepValues?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  const [, startTransition] = useTransition();
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
    startTransition(() => dispatch(formData));
  };

  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  /** Props for a TextField: its name, and its error beside it (or the hint). */
  const field = (name: string, hint?: string) => {
    const error = fieldErrors[name];
    return { name, error: Boolean(error), helperText: error ?? hint ?? " " };
  };
  const failure = state.status === "error" ? state.message || fieldErrors._ : undefined;
  const message = failure || null;
  return { state, pending, onSubmit, field, message };
}
