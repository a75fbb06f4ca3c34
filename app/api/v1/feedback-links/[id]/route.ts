import { apiRoute } from "@/lib/http/api";
import { revokeFeedbackLinkApi } from "@/lib/samples/openapi";
import { revokeFeedbackLink } from "@/lib/samples/service";

export const DELETE = apiRoute(revokeFeedbackLinkApi, async ({ caller, params }) => {
  await revokeFeedbackLink(caller.ctx, params.id);
  return new Response(null, { status: 204 });
});
