import { apiRoute } from "@/lib/http/api";
import { leadXentralApi } from "@/lib/integrations/openapi";
import { getLeadXentral } from "@/lib/integrations/xentral/leads";

export const GET = apiRoute(leadXentralApi, async ({ caller, params }) =>
  Response.json(await getLeadXentral(caller.ctx, params.id)),
);
