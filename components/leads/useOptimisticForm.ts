"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { z } from "zod";

import { fromLocalInput } from "@/components/ui/useActionForm";
import type { ActionState } from "@/lib/http/action";
import { formFields, parseForm } from "@/lib/forms";
import { fieldText, type FieldWords } from "@/lib/i18n/fieldText";

type Failed = Extract<ActionState<unknown>, { status: "error" }>;

class ActionFailed extends Error {
  constructor(readonly state: Failed) {
    super(state.message);
  }
}

/**
 * A lead form whose change may show before the server confirms it (React Query's `onMutate`): the
 * form is checked in the browser with the schema its action parses with, `optimistic` writes the
 * change into the cached queries and returns how to take it back, the server action runs, and on
 * an error the cache is rolled back, the form keeps what was typed, and the errors show beside their fields, as useActionForm
 * shows them (worded by lib/i18n/fieldText.ts). Only for changes the browser can know exactly (a new activity in the history, a
 * collaborator); a protection deadline is the server's to compute, never guessed here.
 */
export function useOptimisticForm<T>(options: {
  action: (formData: FormData) => Promise<ActionState<T>>;
  schema: z.ZodType;
  dates?: readonly string[];
  optimistic: (input: Record<string, unknown>) => Promise<() => void>;
  /** After success or failure: invalidate what the change touched (the server's answer replaces the guess). */
  settle: () => unknown;
  onOk?: (data: T) => unknown;
}) {
  const words = useTranslations("fields") as unknown as FieldWords;
  const [failure, setFailure] = useState<{
    fieldErrors: Record<string, string>;
    message: string | null;
  } | null>(null);
  const mutation = useMutation({
    mutationFn: async ({
      formData,
    }: {
      formData: FormData;
      input: Record<string, unknown>;
      form: HTMLFormElement;
    }) => {
      const state = await options.action(formData);
      if (state.status === "error") throw new ActionFailed(state);
      if (state.status !== "ok") throw new Error("The action answered nothing.");
      return state.data;
    },
    onMutate: async ({ input }) => ({ undo: await options.optimistic(input) }),
    // The form keeps what was typed until the server has it: a refusal loses nothing.
    onError: (error, _variables, context) => {
      context?.undo();
      setFailure(
        error instanceof ActionFailed
          ? {
              fieldErrors: error.state.fieldErrors,
              message: error.state.message || error.state.fieldErrors._ || null,
            }
          : { fieldErrors: {}, message: error.message },
      );
    },
    onSuccess: (data, { form }) => {
      form.reset();
      setFailure(null);
      void options.onOk?.(data);
    },
    onSettled: () => options.settle(),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    for (const name of options.dates ?? []) {
      const value = formData.get(name);
      if (typeof value === "string" && value !== "") formData.set(name, fromLocalInput(value));
    }
    const checked = parseForm(options.schema, formFields(formData), (why, path) =>
      fieldText(words, why, path),
    );
    if (!checked.ok) {
      setFailure({ fieldErrors: checked.fieldErrors, message: checked.fieldErrors._ ?? null });
      return;
    }
    setFailure(null);
    mutation.mutate({ formData, input: { ...formFields(formData) }, form });
  };

  const field = (name: string, hint?: string) => {
    const error = failure?.fieldErrors[name];
    return { name, error: Boolean(error), helperText: error ?? hint ?? " " };
  };
  return { onSubmit, field, pending: mutation.isPending, message: failure?.message ?? null };
}
