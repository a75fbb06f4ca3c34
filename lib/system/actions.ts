"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { orgAction, type ActionState } from "@/lib/http/action";

import type { BackupResult } from "./backup";
import { ZAlertRuleForm } from "./schemas";
import { updateAlertRule, type AlertRuleView } from "./alerts-service";
import { requestBackup, requestDrill } from "./backup-service";
import type { DrillResult } from "./drill";

/**
 * The System area's server actions (mutations only): the operator's admins take a backup or run a
 * restore drill now (backup.run), and edit an alert rule (alert.manage); the services check and audit.
 */

const ZNothing = z.object({});

export async function createBackupAction(
  orgSlug: string,
  _previous: ActionState<BackupResult>,
  formData: FormData,
): Promise<ActionState<BackupResult>> {
  const state = await orgAction(orgSlug, ZNothing, formData, (session) => requestBackup(session.ctx));
  if (state.status === "ok") revalidatePath(`/${orgSlug}/system/backups`);
  return state;
}

export async function runDrillAction(
  orgSlug: string,
  _previous: ActionState<DrillResult>,
  formData: FormData,
): Promise<ActionState<DrillResult>> {
  const state = await orgAction(orgSlug, ZNothing, formData, (session) => requestDrill(session.ctx));
  if (state.status === "ok") revalidatePath(`/${orgSlug}/system/backups`);
  return state;
}

export async function updateAlertRuleAction(
  orgSlug: string,
  _previous: ActionState<AlertRuleView>,
  formData: FormData,
): Promise<ActionState<AlertRuleView>> {
  const state = await orgAction(orgSlug, ZAlertRuleForm, formData, (session, input) =>
    updateAlertRule(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(`/${orgSlug}/system/alerts`);
  return state;
}
