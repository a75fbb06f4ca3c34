import { apiRoute } from "@/lib/http/api";
import { listNotificationsApi } from "@/lib/overview/openapi";
import { listNotifications } from "@/lib/overview/service";

export const GET = apiRoute(listNotificationsApi, async ({ caller, query }) =>
  Response.json(await listNotifications(caller.ctx, query)),
);
