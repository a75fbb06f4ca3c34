import { apiRoute } from "@/lib/http/api";
import { listSettingsApi } from "@/lib/settings/openapi";
import { listSettings } from "@/lib/settings/service";

export const GET = apiRoute(listSettingsApi, async ({ caller }) =>
  Response.json({ items: await listSettings(caller.ctx) }),
);
