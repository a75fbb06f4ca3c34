/** Inbound e-mail triage for a partner's mailbox: a new lead, an activity on a lead, or nothing. */
import { z } from "zod";

import { ACTIVITY_KINDS } from "@/lib/leads/schemas";

import { LABEL_PART_SEPARATOR } from "../confidence";
import { PROMPT_BASE, ZConfidence, defineSmallFirstUseCase, quoted, text } from "./shared";

export const ZEmailTriageInput = z.strictObject({
  /** The mail as text: headers that matter (Von, An, Betreff) followed by the body. */
  text: text(8000),
});
export type TEmailTriageInput = z.infer<typeof ZEmailTriageInput>;

export const EMAIL_ACTIONS = ["new_lead", "activity", "ignore"] as const;

export const ZEmailTriageOutput = z
  .object({
    action: z.enum(EMAIL_ACTIONS),
    activityKind: z
      .enum(ACTIVITY_KINDS)
      .nullable()
      .describe("Nur bei action = activity gesetzt, sonst null."),
    summary: z.string().describe("Ein Satz: worum es in der Mail geht."),
    confidence: ZConfidence,
  })
  .refine((o) => (o.action === "activity") === (o.activityKind !== null), {
    message: "activityKind is set exactly when action is activity",
    path: ["activityKind"],
  });
export type TEmailTriageOutput = z.infer<typeof ZEmailTriageOutput>;

export const emailTriage = defineSmallFirstUseCase<TEmailTriageInput, TEmailTriageOutput>({
  id: "email.triage",
  policy: "small-first",
  schemaVersion: 1,
  input: ZEmailTriageInput,
  output: ZEmailTriageOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Ordne eine eingehende E-Mail im Postfach eines Vertriebspartners ein.",
    "- new_lead: ein möglicher Kunde (Gastronomie, Hotel, Kantine, …), mit dem es noch keinen laufenden Kontakt gibt,",
    "  fragt nach Belieferung, Angebot, Mustern oder Beratung.",
    "- activity: die Mail gehört zu einem laufenden Kontakt mit einem Lead; activityKind sagt, was geschah:",
    "  EMAIL_SENT (Kopie einer Mail, die der Partner selbst an den Lead geschickt hat, etwa per BCC),",
    "  SAMPLE_FEEDBACK (Rückmeldung zu einer Musterbox), ROI_PRESENTATION (zur Wirtschaftlichkeits- oder ROI-Rechnung),",
    "  CUSTOMER_REACTION (Reaktion auf Angebot oder Preise, Zu- oder Absage), SCHEDULED_FOLLOWUP (ein Folgetermin wird vereinbart),",
    "  QUALIFIED_CALL (Gesprächsnotiz des Partners zu einem Telefonat mit dem Lead: Bedarf, Entscheider, Zeitplan),",
    "  NOTE (sonstige relevante Information, z. B. neuer Ansprechpartner, geänderte Lieferadresse).",
    "  Eine Kopie einer eigenen Mail des Partners ist immer EMAIL_SENT. Treffen sonst mehrere zu, gilt die erste",
    "  in dieser Reihenfolge: SAMPLE_FEEDBACK, ROI_PRESENTATION, CUSTOMER_REACTION, SCHEDULED_FOLLOWUP, QUALIFIED_CALL, NOTE.",
    "- ignore: Newsletter, Werbung, Spam, Abwesenheitsnotizen, Rechnungen, Angebote von Herstellern oder Dienstleistern",
    "  an den Partner selbst, alles ohne Bezug zu einem Lead.",
    "activityKind: bei activity eine der Arten, sonst null.",
    "confidence: wie sicher die Einordnung stimmt; niedrig, wenn die Mail mehrdeutig ist.",
  ].join("\n"),
  render: (input) => `E-Mail:\n${quoted(input.text)}`,
  maxOutputTokens: 250,
  label: (output) =>
    output.action === "activity" ? `activity${LABEL_PART_SEPARATOR}${output.activityKind}` : output.action,
});
