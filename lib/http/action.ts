import "server-only";

import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";

import { currentAccount, orgSessionFor, type OrgSession } from "@/lib/auth/session";

import { clientIp } from "./client-ip";
import { asInvalidInput } from "./data-exception";
import { formFields, parseForm, type FieldCode } from "@/lib/forms";
import { fieldText, type FieldWords } from "@/lib/i18n/fieldText";
import { AppError, isAppError, type AppErrorKind, type MessageCode } from "@/lib/errors";
import { namesPrototype } from "@/lib/keys";
import { log } from "@/lib/log";
import { requestIdFrom } from "./request-id";

/** What a form's server action answers. Field errors sit beside their fields; `message` is for the
 *  form as a whole. `values` returns what was submitted, because React 19 resets the fields. */
export type ActionState<T> =
  | { status: "idle" }
  | { status: "ok"; data: T }
  | {
      status: "error";
      message: string;
      /** What went wrong, for a UI that words it itself: the AppError's kind (`forbidden`, …). */
      code?: AppErrorKind;
      fieldErrors: Record<string, string>;
      /** Why each field was refused, beside its message, for a UI that words it itself. */
      fieldCodes?: Record<string, FieldCode>;
      values?: Record<string, string>;
    };

/** What was typed, to fill the form again: a plain object (React sends no other kind to the browser),
 *  made by Object.fromEntries, which defines keys instead of assigning them; forged names left out. */
function submittedValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  return Object.fromEntries(
    [...input.entries()].filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && !namesPrototype(entry[0]),
    ),
  );
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
  const fail = (
    message: string,
    fieldErrors: Record<string, string> = {},
    more: { code?: AppErrorKind; fieldCodes?: Record<string, FieldCode> } = {},
  ) => ({ status: "error", message, fieldErrors, values, ...more }) as const;

  const account = await currentAccount();
  if (!account) return fail(t("signedOut"));
  const session = orgSessionFor(account, orgSlug);
  if (!session) return fail(t("notFoundText"));

  // Parsed only now that the session and membership are known: a stranger's post is never parsed.
  const raw = input instanceof FormData ? formFields(input) : input;
  if (input instanceof FormData && raw === undefined) return fail(t("forgedField"));
  // The same parse as the form's in the browser (lib/forms.ts), done again: a post need not come from it.
  const words = (await getTranslations("fields")) as unknown as FieldWords;
  const parsed = parseForm(schema, raw, (why, path) => fieldText(words, why, path));
  if (!parsed.ok) return fail("", parsed.fieldErrors, { fieldCodes: parsed.fieldCodes });

  // Who acted from where, for the audit trail of whatever the action changes.
  const requestHeaders = await headers();
  const requestId = requestIdFrom(requestHeaders);
  const traced = { ...session, ctx: { ...session.ctx, requestId, ip: clientIp(requestHeaders) } };

  // One line per action run (lib/log): the action's id Next.js gives it, never its input.
  const started = performance.now();
  const fields = {
    requestId,
    orgId: session.ctx.orgId,
    userId: session.ctx.userId,
    route: "server-action",
    action: requestHeaders.get("next-action")?.slice(0, 64) ?? null,
  };
  const done = (status: number) => ({
    ...fields,
    status,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const data = await work(traced, parsed.data);
    log().info(done(200), "server action");
    return { status: "ok", data };
  } catch (thrown) {
    const error = asInvalidInput(thrown, parsed.data);
    if (isAppError(error)) {
      log().info(done(error.status), "server action refused");
      const say = await readerText();
      const fieldErrors = Object.fromEntries(
        error.fieldErrors.map((f) => [
          f.path,
          say(f.code ? { code: f.code, params: f.params } : undefined, f.message),
        ]),
      );
      return fail(say(error.text, error.message), fieldErrors, { code: error.kind });
    }
    log().error({ ...done(500), err: error }, "server action failed");
    return fail(`${t("generic")} (${requestId})`);
  }
}

/**
 * An error's text in the reader's language: its message code looked up in the messages (a Date
 * argument formatted as date and time), or the English message when it has no code the messages know.
 */
async function readerText() {
  const t = await getTranslations();
  const format = await getFormatter();
  return (text: MessageCode | undefined, fallback: string): string => {
    if (!text || !t.has(text.code as never)) return fallback;
    const params = Object.fromEntries(
      Object.entries(text.params ?? {}).map(([key, value]) => [
        key,
        value instanceof Date ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short" }) : value,
      ]),
    );
    return t(text.code as never, params as never);
  };
}

/** An id the browser sent: one that is not even a uuid names nothing, exactly like an unknown one. */
export function idOf(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "Not found.");
  return id;
}
