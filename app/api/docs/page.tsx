import type { Metadata } from "next";

import { ApiDocs } from "@/components/api/ApiDocs";
import { API_SPECS } from "@/lib/http/api-registry";
import { buildOpenApiDocument } from "@/lib/http/openapi";

import packageJson from "../../../package.json";

export const metadata: Metadata = { title: "API" };

/** Public reference of /api/v1, from the same document /api/v1/openapi.json serves. */
export default function ApiDocsPage() {
  return <ApiDocs document={buildOpenApiDocument(API_SPECS, { version: packageJson.version })} />;
}
