import type { Metadata } from "next";

import { ApiDocs } from "@/components/api/ApiDocs";

import packageJson from "../../../package.json";

export const metadata: Metadata = { title: "API" };

/** Public reference of /api/v1: the document /api/v1/openapi.json serves, rendered by Swagger UI. */
export default function ApiDocsPage() {
  return <ApiDocs version={packageJson.version} />;
}
