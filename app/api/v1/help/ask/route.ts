import { askHelp } from "@/lib/help/ask";
import { askHelpApi } from "@/lib/help/openapi-assist";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(askHelpApi, async ({ caller, body }) =>
  Response.json(await askHelp(caller.ctx, body)),
);
