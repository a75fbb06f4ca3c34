import { setGuideStep } from "@/lib/help/guides";
import { setHelpGuideStepApi } from "@/lib/help/openapi-assist";
import { apiRoute } from "@/lib/http/api";

export const PUT = apiRoute(setHelpGuideStepApi, async ({ caller, params, body }) =>
  Response.json(await setGuideStep(caller.ctx, params.id, body.done)),
);
