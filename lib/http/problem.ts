import type { FieldError } from "@/lib/errors";

/** RFC 9457 problem details. `type` URIs name our problem kinds; they resolve to the API docs. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The message's key (see MessageCode), for clients that show their own texts. */
  code?: string;
  errors?: { path: string; message: string; code?: string }[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const PROBLEM_BASE = "https://freshplan.example/problems/";

export function problemResponse(
  status: number,
  init: {
    type?: string;
    detail?: string;
    instance?: string;
    code?: string;
    errors?: FieldError[];
    headers?: HeadersInit;
  } = {},
): Response {
  const body: Problem = {
    type: PROBLEM_BASE + (init.type ?? String(status)),
    title: TITLES[status] ?? "Error",
    status,
    ...(init.detail ? { detail: init.detail } : {}),
    ...(init.instance ? { instance: init.instance } : {}),
    ...(init.code ? { code: init.code } : {}),
    ...(init.errors?.length
      ? {
          errors: init.errors.map(({ path, message, code }) => ({
            path,
            message,
            ...(code ? { code } : {}),
          })),
        }
      : {}),
  };
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(body), { status, headers });
}
