import { endAllSessionsApi } from "@/lib/auth/openapi";
import { endAllSessions } from "@/lib/auth/sessions";
import { apiRoute } from "@/lib/http/api";

export const DELETE = apiRoute(endAllSessionsApi, async ({ caller }) => {
  await endAllSessions(caller.ctx);
  return new Response(null, { status: 204 });
});
