import { z } from "zod";

import { ZProblem, type ApiSpec } from "./spec";

/**
 * Builds the OpenAPI 3.1 document from the operations' own zod schemas (JSON Schema 2020-12 is
 * OpenAPI 3.1's dialect, so zod's output needs no translation). Schemas with `.meta({ id })` become
 * named components.
 */
const ALWAYS = [400, 401, 429, 500];

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "The request is malformed or invalid (see `errors`)",
  401: "Not authenticated: no, a malformed or an unknown credential",
  403: "Authenticated, but not allowed (or the session cookie sent from another site)",
  404: "No such resource in your organisation",
  410: "Gone: the link has expired",
  409: "Conflicts with the current state (or the same Idempotency-Key is still running)",
  413: "The body is larger than 1 MB",
  415: "The body is not application/json",
  422: "Well-formed but refused (or an Idempotency-Key reused with another request)",
  429: "Rate limited; see Retry-After",
  500: "Our fault; quote the x-request-id",
};

type JsonSchema = Record<string, unknown>;

/** zod writes nested named schemas to `$defs`; OpenAPI keeps them under components/schemas. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string"
        ? v.replace("#/$defs/", "#/components/schemas/")
        : rewriteRefs(v),
    ]),
  );
}

export function buildOpenApiDocument(
  specs: readonly ApiSpec[],
  info: { version: string; serverUrl?: string },
) {
  const components: Record<string, JsonSchema> = {};
  /** One name, one schema: a second, different schema under a taken name is a mistake in the code. */
  const addComponent = (name: string, def: JsonSchema) => {
    if (name.startsWith("__schema"))
      throw new Error(`OpenAPI: a recursive schema without a name (${name}); give it .meta({ id })`);
    const existing = components[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(def))
      throw new Error(`OpenAPI: two different schemas are named ${name}`);
    components[name] = def;
  };
  const schemaOf = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const {
      $schema: _dialect,
      $defs: defs,
      ...json
    } = rewriteRefs(z.toJSONSchema(schema, { io, unrepresentable: "any" })) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    // Named schemas nested inside this one: components, referred to by name.
    for (const [name, def] of Object.entries(defs ?? {})) addComponent(name, def);
    const id = schema.meta()?.id;
    if (typeof id !== "string") return json;
    const ref = `#/components/schemas/${id}`;
    // zod answers a named schema as a `$ref` to its own `$defs` entry, which the loop above made a
    // component; storing that `$ref` under the name would make the component point at itself.
    if (json.$ref !== ref) addComponent(id, json);
    return { $ref: ref };
  };
  const problemRef = schemaOf(ZProblem, "output");

  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const parameters: unknown[] = [];
    for (const [location, schema] of [
      ["path", spec.params],
      ["query", spec.query],
      ["header", spec.headers],
    ] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, "input") as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: location,
          required: location === "path" || (json.required ?? []).includes(name),
          schema: property,
        });
      }
    }

    const responses: Record<string, unknown> = {};
    for (const answer of [spec.response, ...(spec.otherResponses ?? [])]) {
      const mediaType = answer === spec.response ? spec.response.mediaType : undefined;
      responses[String(answer.status)] = {
        description: answer.description,
        ...(mediaType
          ? { content: { [mediaType]: { schema: { type: "string" } } } }
          : answer.schema
            ? { content: { "application/json": { schema: schemaOf(answer.schema, "output") } } }
            : {}),
      };
    }
    const writes = spec.method === "GET" ? [] : [403];
    const withBody = spec.body ? [413, 415] : [];
    const always = spec.public ? ALWAYS.filter((status) => status !== 401) : ALWAYS;
    for (const status of [...new Set([...always, ...writes, ...withBody, ...(spec.problems ?? [])])].sort()) {
      responses[String(status)] = {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Problem",
        content: { "application/problem+json": { schema: problemRef } },
      };
    }

    paths[spec.path] ??= spec.server ? { servers: [{ url: spec.server }] } : {};
    paths[spec.path][spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      // Public posts are exactly-once by themselves (a second feedback submission is a 409).
      ...(spec.method === "POST" && !spec.public
        ? {
            parameters: [
              ...parameters,
              {
                name: "Idempotency-Key",
                in: "header",
                required: false,
                description: "Replays the first answer for 24 h; another body with the same key → 422",
                schema: { type: "string", maxLength: 255 },
              },
            ],
          }
        : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(spec.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "FreshPlan Admin API",
      version: info.version,
      description:
        "Authenticate with `Authorization: Bearer <personal access token>` (Settings → Personal access tokens) " +
        "or the session cookie. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: info.serverUrl ?? "/api/v1" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal access token (fpa_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
