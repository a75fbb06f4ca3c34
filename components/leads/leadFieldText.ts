"use client";

import { useTranslations } from "next-intl";

import type { FieldCode } from "@/lib/forms";

/** The lead forms' fields whose wrong format gets a text in the domain's words, with an example. */
const FORMAT_TEXTS = {
  "contact.email": "email",
  "contact.phone": "phone",
  vatId: "vatId",
  expectedVolume: "expectedVolume",
} as const;

/**
 * Words a lead form's field error as a sales partner reads it: a wrongly typed e-mail address, phone
 * number, VAT id or volume in the reader's language with an example ("Bitte eine Telefonnummer wie
 * +49 40 123456 angeben"), not the schema's generic text. Other errors keep zod's localised message.
 */
export function useLeadFieldText() {
  const t = useTranslations("leads.fieldText");
  return (message: string, why: FieldCode | undefined, name: string): string => {
    const key = FORMAT_TEXTS[name as keyof typeof FORMAT_TEXTS];
    if (key && (why?.code === "format" || why?.code === "number" || why?.code === "other")) return t(key);
    return message;
  };
}
