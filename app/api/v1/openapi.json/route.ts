import { API_SPECS } from "@/lib/http/api-registry";
import { buildOpenApiDocument } from "@/lib/http/openapi";
import { publicRoute } from "@/lib/http/public";

import packageJson from "../../../../package.json";

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas. Public. */
export const GET = publicRoute(async () =>
  Response.json(buildOpenApiDocument(API_SPECS, { version: packageJson.version }), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);
