import { apiRoute } from "@/lib/http/api";
import { markAllNotificationsReadApi } from "@/lib/overview/openapi";
import { markAllNotificationsRead } from "@/lib/overview/service";

export const POST = apiRoute(markAllNotificationsReadApi, async ({ caller }) =>
  Response.json(await markAllNotificationsRead(caller.ctx)),
);
