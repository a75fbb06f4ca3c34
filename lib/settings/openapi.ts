import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZSettingRow } from "./schemas";

/** The /api/v1 operations of the settings registry; what they answer is described in schemas.ts. */

export const listSettingsApi = defineApi({
  operationId: "listSettings",
  method: "GET",
  path: "/settings",
  tag: "Settings",
  summary:
    "Every setting with its effective value, its sources, the stored values and what the caller may edit",
  response: {
    status: 200,
    description: "Every key of the registry, as the caller sees it",
    schema: z.object({ items: z.array(ZSettingRow) }),
  },
  problems: [403],
});

export const settingsApis = [listSettingsApi] as const;
