import { publicApiRoute } from "@/lib/http/public";
import { saveFeedbackDraft } from "@/lib/samples/portal";
import { saveFeedbackDraftApi } from "@/lib/samples/openapi-public";

export const PUT = publicApiRoute(saveFeedbackDraftApi, async ({ params, body }) =>
  Response.json(await saveFeedbackDraft(params.token, body)),
);
