import { ORG_HEADER_NAME } from "@/lib/http/org-header";

/**
 * How the browser reads: `GET /api/v1/…` with the session cookie (apiRoute accepts it) and the
 * organisation in a header, through this one helper, which React Query hooks call. Server actions
 * are for mutations only (README, "Layout").
 */

/** A query string's values; undefined ones are left out. */
export type ApiQuery = Record<string, string | number | boolean | undefined>;

/** A problem+json answer, thrown: `kind` is the problem type's last segment (`not-found`, `forbidden`, …),
 *  `code` the message key some problems carry (e.g. `leads.errors.noOwner`), `message` the detail. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly code?: string,
    readonly errors: readonly { path: string; message: string; code?: string }[] = [],
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

interface ProblemBody {
  type?: string;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string; code?: string }[];
}

/** `path` relative to /api/v1 (`/leads/…`); answers the JSON, or throws an ApiProblem. */
export async function apiGet<T>(orgSlug: string, path: string, query: ApiQuery = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const url = `/api/v1${path}${search.size ? `?${search}` : ""}`;
  const response = await fetch(url, { headers: { [ORG_HEADER_NAME]: orgSlug, accept: "application/json" } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as ProblemBody | null;
    throw new ApiProblem(
      response.status,
      problem?.type?.split("/").at(-1) ?? String(response.status),
      problem?.detail ?? `GET ${url}: ${response.status}`,
      problem?.code,
      problem?.errors,
    );
  }
  return (await response.json()) as T;
}
