import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";

import { API_SPECS } from "./api-registry";
import { buildOpenApiDocument } from "./openapi";

const root = path.resolve(import.meta.dirname, "../..");
const v1 = path.join(root, "app/api/v1");
const document = buildOpenApiDocument(API_SPECS, { version: "test" });

/** Every route handler under `dir` (app/api/v1): its OpenAPI path below `base` and its HTTP methods. */
function routeFiles(dir = v1, base = v1): { path: string; methods: string[] }[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full, base);
    if (entry !== "route.ts") return [];
    const routePath = path
      .relative(base, dir)
      .split(path.sep)
      .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
    const methods = [
      ...readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => m[1]);
    return [{ path: `/${routePath.join("/")}`, methods }];
  });
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every route handler in app/api/v1 and the webhook inbox, and nothing that is not one", () => {
    const webhooks = routeFiles(path.join(root, "app/api/webhooks"), path.join(root, "app/api"));
    expect(webhooks).toEqual([{ path: "/webhooks/{provider}/{connectionId}", methods: ["POST"] }]);
    const inCode = [...routeFiles(), ...webhooks]
      .filter((r) => r.path !== "/openapi.json")
      .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`))
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((key) => key !== "servers")
          .map((m) => `${m.toUpperCase()} ${p}`),
      )
      .sort();
    expect((document.paths["/webhooks/{provider}/{connectionId}"] as { servers?: unknown }).servers).toEqual([
      { url: "/api" },
    ]);
    expect(inCode.length).toBeGreaterThan(0);
    expect(documented).toEqual(inCode);
  });

  it("has unique operation ids", () => {
    const ids = API_SPECS.map((s) => s.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses unknown fields in every request body", () => {
    const bodies = API_SPECS.filter((s) => s.body);
    expect(bodies.length).toBeGreaterThan(0);
    for (const spec of bodies) {
      const schema = document.paths[spec.path][spec.method.toLowerCase()] as {
        requestBody: { content: { "application/json": { schema: Record<string, unknown> } } };
      };
      const json = schema.requestBody.content["application/json"].schema;
      const resolved =
        typeof json.$ref === "string" ? document.components.schemas[json.$ref.split("/").at(-1)!] : json;
      expect(resolved.additionalProperties, spec.operationId).toBe(false);
    }
  });

  it("describes errors as problem details", () => {
    const op = document.paths["/tokens/{id}"].delete as { responses: Record<string, { content?: object }> };
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["204", "400", "401", "404", "429"]));
    expect(op.responses["404"].content).toEqual({
      "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
    });
    expect(document.components.schemas.Problem).toMatchObject({
      type: "object",
      properties: { type: { type: "string" }, status: { type: "integer" } },
    });
  });

  it("holds each named schema itself under its name, never a $ref to itself", () => {
    const schemas = document.components.schemas;
    for (const name of ["Problem", "Me", "Lead", "AiAnswer"]) {
      expect(schemas[name], name).toMatchObject({ type: "object" });
    }
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema.$ref, name).not.toBe(`#/components/schemas/${name}`);
      expect(name, "a generated name: the recursive schema wants .meta({ id })").not.toMatch(/^__schema/);
    }
  });

  it("points every $ref at a component that exists", () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas[ref.split("/").at(-1)!], ref).toBeDefined();
    }
  });
});
