import { z } from "zod";

import { formInput } from "@/lib/forms";

/**
 * The alert rules' inputs: the Alerts page's form (the operator's admins) and its action. The
 * metric and comparison are the rule's nature and stay; the threshold, how long the condition
 * must hold before the rule fires, and whether it is on are the admin's to set.
 */

/** The bound of alert_rule.threshold (numeric(14, 3)). */
const THRESHOLD_MAX = 99_999_999_999;

export const ZUpdateAlertRule = z.strictObject({
  id: z.uuid(),
  threshold: z.number().min(-THRESHOLD_MAX).max(THRESHOLD_MAX),
  /** Seconds; the form asks for minutes. Up to a week, as the column allows. */
  durationSeconds: z.number().int().min(0).max(604_800),
  enabled: z.boolean(),
});
export type TUpdateAlertRule = z.infer<typeof ZUpdateAlertRule>;

/** The form's fields: the duration in whole minutes, numbers with a decimal comma or point. */
export const ZAlertRuleForm = formInput(
  z
    .strictObject({
      id: z.uuid(),
      threshold: ZUpdateAlertRule.shape.threshold,
      durationMinutes: z.number().int().min(0).max(10_080),
      enabled: z.boolean().default(false),
    })
    .transform(({ durationMinutes, ...rest }) => ({ ...rest, durationSeconds: durationMinutes * 60 })),
  { threshold: "number", durationMinutes: "number", enabled: "boolean" },
);

/** A backup download's step-up: the operator's admin types their password again. */
export const ZBackupDownload = z.strictObject({ password: z.string().min(1).max(1_000) });
