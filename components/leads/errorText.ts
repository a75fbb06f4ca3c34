"use client";

import { useFormatter, useTranslations } from "next-intl";

/**
 * The services answer in English (they serve the REST API too). For the forms, the messages a user
 * can run into are shown in the reader's language; anything else is shown as it came.
 */

type MessageKey =
  | "duplicate"
  | "registerEarlier"
  | "registerForOthers"
  | "activityBeforeAssignment"
  | "inFuture"
  | "holdPast"
  | "holdEndBeforeStart"
  | "noOwner"
  | "holdExpired"
  | "holdEnded"
  | "holdNotStarted"
  | "extensionUnprotected"
  | "extensionPending"
  | "alreadyDecided"
  | "changedHands"
  | "ownerCollaborator"
  | "alreadyCollaborator"
  | "sharesOver"
  | "notMember"
  | "alreadyOwner"
  | "forbidden"
  | "notFound";

const MESSAGES: [RegExp, MessageKey][] = [
  [/^This lead is registered already: (.+) \([0-9a-f-]{36}\)\.$/, "duplicate"],
  [/^Only managers and admins may register a lead with an earlier date\.$/, "registerEarlier"],
  [/^Partners register leads for themselves\.$/, "registerForOthers"],
  [/^An activity cannot lie before the lead was assigned\.$/, "activityBeforeAssignment"],
  [/ lies in the future\.$/, "inFuture"],
  [/^Only managers and admins may start a hold in the past\.$/, "holdPast"],
  [/^A hold must end after it starts\.$/, "holdEndBeforeStart"],
  [/^The lead has no current owner/, "noOwner"],
  [/^The lead's protection has expired/, "holdExpired"],
  [/^The hold has ended already\.$/, "holdEnded"],
  [/^The hold has not started yet\.$/, "holdNotStarted"],
  [/^Only a protected lead can be extended\.$/, "extensionUnprotected"],
  [/^An extension request for this lead is waiting/, "extensionPending"],
  [/^The request was (approved|denied) already\.$/, "alreadyDecided"],
  [/^The lead has changed hands/, "changedHands"],
  [/^The owner cannot also be a collaborator\.$/, "ownerCollaborator"],
  [/^That member collaborates on this lead already\.$/, "alreadyCollaborator"],
  [/^Commission shares would add up to ([0-9.]+) %/, "sharesOver"],
  [/^No such member in this organisation\.$/, "notMember"],
  [/^That member owns the lead already\.$/, "alreadyOwner"],
  [/^You may not /, "forbidden"],
  [/^(No such|Not found)/, "notFound"],
];

type FieldKey =
  | "required"
  | "future"
  | "beforeAssignment"
  | "afterStart"
  | "isOwner"
  | "notMember"
  | "atMost"
  | "duplicate";

const FIELD_MESSAGES: [RegExp, FieldKey][] = [
  // zod, in either language, for a field the form left empty
  [/(received|erhalten) undefined$/, "required"],
  [/^must not be in the future$/, "future"],
  [/^must not be before (.+)$/, "beforeAssignment"],
  [/^must be after startAt$/, "afterStart"],
  [/^is the owner$/, "isOwner"],
  [/^not a member of this organisation$/, "notMember"],
  [/^at most ([0-9.]+)$/, "atMost"],
  [/^duplicate of lead /, "duplicate"],
];

export function useErrorText() {
  const t = useTranslations("leads.errors");
  const f = useTranslations("leads.fieldErrors");
  const format = useFormatter();
  return {
    message(text: string): string {
      for (const [pattern, key] of MESSAGES) {
        const match = pattern.exec(text);
        if (match) return t(key, { value: match[1] ?? "" });
      }
      return text;
    },
    field(text: string | undefined): string | undefined {
      if (!text) return text;
      for (const [pattern, key] of FIELD_MESSAGES) {
        const match = pattern.exec(text);
        if (!match) continue;
        const value = match[1] ?? "";
        const date = new Date(value);
        return f(key, {
          value:
            key === "beforeAssignment" && !Number.isNaN(date.getTime())
              ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })
              : value,
        });
      }
      return text;
    },
  };
}
