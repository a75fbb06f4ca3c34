import { publicApiRoute } from "@/lib/http/public";
import { openFeedbackLink, submitFeedback } from "@/lib/samples/portal";
import { getFeedbackPortalApi, submitFeedbackApi } from "@/lib/samples/openapi-public";

export const GET = publicApiRoute(getFeedbackPortalApi, async ({ params }) =>
  Response.json(await openFeedbackLink(params.token)),
);

export const POST = publicApiRoute(submitFeedbackApi, async ({ params, body }) =>
  Response.json(await submitFeedback(params.token, body), { status: 201 }),
);
