"use client";

import { useTranslations } from "next-intl";

import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import type { FieldCode } from "@/lib/forms";

/**
 * The password fields' errors in the domain's words: too short says how long, and the second field
 * says the two differ (its only check); anything else keeps the parse's own message.
 */
export function usePasswordFieldText() {
  const t = useTranslations("members.setPassword");
  return (message: string, code: FieldCode | undefined) => {
    if (code?.code === "min" && code.value === PASSWORD_MIN_LENGTH)
      return t("tooShort", { min: PASSWORD_MIN_LENGTH });
    if (code?.code === "other") return t("differ");
    return message;
  };
}
