import { apiRoute } from "@/lib/http/api";
import { markNotificationReadApi } from "@/lib/overview/openapi";
import { markNotificationRead } from "@/lib/overview/service";

export const POST = apiRoute(markNotificationReadApi, async ({ caller, params }) =>
  Response.json(await markNotificationRead(caller.ctx, params.id)),
);
