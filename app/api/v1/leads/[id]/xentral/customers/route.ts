import { AppError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api";
import { searchXentralCustomersApi } from "@/lib/integrations/openapi";
import { searchXentralCustomers } from "@/lib/integrations/xentral/leads";

export const GET = apiRoute(searchXentralCustomersApi, async ({ caller, params, query }) => {
  if (!query.vatNumber && !query.name) {
    throw new AppError("bad_request", "Give a VAT number or a name.", {
      fieldErrors: [{ path: "name", message: "VAT number or name required" }],
    });
  }
  return Response.json({ items: await searchXentralCustomers(caller.ctx, params.id, query) });
});
