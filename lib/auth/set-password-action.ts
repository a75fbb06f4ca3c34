"use server";

import { getLocale, getTranslations } from "next-intl/server";

import { isAppError } from "@/lib/errors";
import { formFields, parseForm } from "@/lib/forms";
import type { ActionState } from "@/lib/http/action";

import { setPasswordWithLink } from "./password-links";
import { ZSetPassword } from "./schemas";

/**
 * The public set-password form's action: no session (the token is the credential), so not
 * orgAction. The token comes from the page's URL, bound into the action; the answer is a form state.
 */
export async function setPasswordAction(
  token: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const t = await getTranslations("errors");
  const raw = formFields(formData);
  if (raw === undefined) return { status: "error", message: t("forgedField"), fieldErrors: {} };
  const parsed = parseForm(ZSetPassword, raw, { locale: await getLocale(), required: t("required") });
  if (!parsed.ok) {
    return { status: "error", message: "", fieldErrors: parsed.fieldErrors, fieldCodes: parsed.fieldCodes };
  }
  try {
    await setPasswordWithLink(token, parsed.data);
    return { status: "ok", data: null };
  } catch (error) {
    if (isAppError(error) && error.kind === "gone" && error.text) {
      const say = await getTranslations();
      return { status: "error", code: "gone", message: say(error.text.code as never), fieldErrors: {} };
    }
    console.error("[set-password] failed", error);
    return { status: "error", message: t("generic"), fieldErrors: {} };
  }
}
