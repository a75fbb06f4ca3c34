"use server";

import { getLocale } from "next-intl/server";

import { orgAction, type ActionState } from "@/lib/http/action";
import { resolveLocale } from "@/lib/i18n/config";

import { REGISTRY, formValueToJson } from "./registry";
import { ZClearSetting, ZSettingForm, type TEffectiveSetting } from "./schemas";
import { clearSetting, setSetting } from "./service";

/** The settings form: the typed text becomes the key's JSON value, which the service validates. */
export async function setSettingAction(
  orgSlug: string,
  _previous: ActionState<TEffectiveSetting>,
  formData: FormData,
): Promise<ActionState<TEffectiveSetting>> {
  const locale = resolveLocale(await getLocale());
  return orgAction(orgSlug, ZSettingForm, formData, (session, input) =>
    setSetting(
      session.ctx,
      { key: input.key, scope: input.scope, value: formValueToJson(REGISTRY.get(input.key), input.value) },
      { locale },
    ),
  );
}

export async function clearSettingAction(
  orgSlug: string,
  input: { key: string; scope: string },
): Promise<ActionState<{ cleared: boolean; effective: TEffectiveSetting }>> {
  return orgAction(orgSlug, ZClearSetting, input, (session, data) => clearSetting(session.ctx, data));
}
