import { apiRoute } from "@/lib/http/api";
import { getConnectionHealth } from "@/lib/integrations/health";
import { connectionHealthApi } from "@/lib/integrations/openapi";

export const GET = apiRoute(connectionHealthApi, async ({ caller, params }) =>
  Response.json(await getConnectionHealth(caller.ctx, params.id)),
);
