// Writes the OpenAPI document that /api/v1/openapi.json serves to a file, for the tools CI feeds
// it to (the linter and the client generator in scripts/openapi-check.sh). No server, no database.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { API_SPECS } from "@/lib/http/api-registry";
import { buildOpenApiDocument } from "@/lib/http/openapi";

import packageJson from "../package.json";

const out = process.argv[2];
if (!out) {
  console.error("usage: tsx scripts/openapi-document.ts <file.json>");
  process.exit(2);
}
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(buildOpenApiDocument(API_SPECS, { version: packageJson.version }), null, 2)}\n`,
);
console.log(`OpenAPI document written to ${out}`);
