import { aiApis } from "@/lib/ai/openapi";
import {
  endAllSessionsApi,
  getMeApi,
  listMembersApi,
  listTokensApi,
  revokeTokenApi,
} from "@/lib/auth/openapi";
import { creditApis } from "@/lib/credit/openapi";
import { helpApis } from "@/lib/help/openapi";
import { integrationsApis } from "@/lib/integrations/openapi";
import { leadApis } from "@/lib/leads/openapi";
import { overviewApis } from "@/lib/overview/openapi";
import { samplesApis } from "@/lib/samples/openapi";
import { feedbackPortalApis } from "@/lib/samples/openapi-public";
import { settingsApis } from "@/lib/settings/openapi";
import { systemKpiApis } from "@/lib/system/openapi-kpis";
import { systemLogApis } from "@/lib/system/openapi-logs";

import type { ApiSpec } from "./spec";

/** Every /api/v1 operation, in document order. A test checks each route file is listed here. */
export const API_SPECS: readonly ApiSpec[] = [
  getMeApi,
  listTokensApi,
  revokeTokenApi,
  endAllSessionsApi,
  listMembersApi,
  ...settingsApis,
  ...leadApis,
  ...creditApis,
  ...overviewApis,
  ...samplesApis,
  ...aiApis,
  ...helpApis,
  ...integrationsApis,
  ...feedbackPortalApis,
  ...systemKpiApis,
  ...systemLogApis,
];
