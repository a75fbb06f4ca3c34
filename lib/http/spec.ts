import { z } from "zod";

/**
 * The description of one /api/v1 operation: the zod schemas that parse its input are the same ones
 * the OpenAPI document is generated from, so the document cannot drift from the code. Plain data,
 * importable anywhere (no server-only code).
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** Relative to /api/v1 (or to `server`), OpenAPI style: `/tokens/{id}`. */
  path: string;
  /** The base path when it is not /api/v1 (the webhook inbox: `/api`). */
  server?: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  /** Request headers the operation reads (an object schema: header name → value). */
  headers?: z.ZodType;
  /** Request bodies are strict objects: unknown fields are refused, never silently applied. */
  body?: B;
  /** `mediaType`: an answer that is not JSON (a CSV export); its body is then described as a string. */
  response: { status: number; description: string; schema?: z.ZodType; mediaType?: string };
  /** Further successful answers (the webhook inbox's 200 for a duplicate). */
  otherResponses?: { status: number; description: string; schema?: z.ZodType }[];
  /** Problem statuses this operation answers besides the ones every operation may (400, 401, 429, 500). */
  problems?: number[];
  /** Needs no credential (the customer feedback portal: the token in the path is the key). */
  public?: boolean;
}

export function defineApi<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: ApiSpec<P, Q, B>,
): ApiSpec<P, Q, B> {
  return spec;
}

/** RFC 9457 problem details, as every error answers. */
export const ZProblem = z
  .object({
    type: z.string().describe("URI naming the kind of problem"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe("The request path"),
    code: z.string().optional().describe("The message's key in the app's texts, e.g. leads.errors.duplicate"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .meta({ id: "Problem" });
