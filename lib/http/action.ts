import "server-only";

import { randomUUID } from "node:crypto";

import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";

import { clientIpFrom } from "@/lib/auth/login";
import { currentAccount, orgSessionFor, type OrgSession } from "@/lib/auth/session";

import { isAppError } from "./errors";

/** What a form's server action answers. Field errors sit beside their fields; `message` is for the
 *  form as a whole. `values` returns what was submitted, because React 19 resets the fields. */
export type ActionState<T> =
  | { status: "idle" }
  | { status: "ok"; data: T }
  | {
      status: "error";
      message: string;
      fieldErrors: Record<string, string>;
      values?: Record<string, string>;
    };

function submittedValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

/**
 * The one path for an organisation's server actions: re-check the session and membership (an action
 * is a public POST endpoint, whatever page rendered its form), parse the input with the schema in
 * the user's language, run the service, and turn expected errors into a form result.
 */
export async function orgAction<S extends z.ZodType, T>(
  orgSlug: string,
  schema: S,
  input: unknown,
  work: (session: OrgSession, data: z.infer<S>) => Promise<T>,
): Promise<ActionState<T>> {
  const t = await getTranslations("errors");
  const values = submittedValues(input);
  const fail = (message: string, fieldErrors: Record<string, string> = {}) =>
    ({ status: "error", message, fieldErrors, values }) as const;

  const account = await currentAccount();
  if (!account) return fail(t("signedOut"));
  const session = orgSessionFor(account, orgSlug);
  if (!session) return fail(t("notFoundText"));

  const raw = input instanceof FormData ? Object.fromEntries(input) : input;
  const locale = await getLocale();
  const parsed = schema.safeParse(raw, {
    error: (locale === "de" ? z.locales.de() : z.locales.en()).localeError,
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
    return fail("", fieldErrors);
  }

  // Who acted from where, for the audit trail of whatever the action changes.
  const requestHeaders = await headers();
  const requestId = requestHeaders.get("x-request-id") ?? randomUUID();
  const traced = { ...session, ctx: { ...session.ctx, requestId, ip: clientIpFrom(requestHeaders) } };

  try {
    return { status: "ok", data: await work(traced, parsed.data) };
  } catch (error) {
    if (isAppError(error)) {
      const fieldErrors = Object.fromEntries(error.fieldErrors.map((f) => [f.path, f.message]));
      return fail(error.message, fieldErrors);
    }
    console.error(`[action] request ${requestId} failed`, error);
    return fail(`${t("generic")} (${requestId})`);
  }
}
