// A tiny client written against the types openapi-typescript generates from the API document
// (scripts/openapi-check.sh generates them into .data/openapi/api.d.ts, then type-checks this file
// with the tsconfig beside it). It fails to compile when a named schema is missing, empty or
// circular, or when the document stops describing what an API client relies on.
import type { components, operations, paths } from "../../.data/openapi/api";

type Schemas = components["schemas"];
type Problem = Schemas["Problem"];
type Lead = Schemas["Lead"];
type Me = Schemas["Me"];
type AiAnswer = Schemas["AiAnswer"];

type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type LeadList = Json<operations["listLeads"]["responses"][200]>;
type LeadQuery = NonNullable<paths["/leads"]["get"]["parameters"]["query"]>;

export const notFound: Problem = {
  type: "about:blank",
  title: "Not Found",
  status: 404,
  instance: "/leads/x",
};
// @ts-expect-error a problem's status is a number
export const wrongStatus: Problem = { type: "about:blank", title: "Not Found", status: "404" };

export const query: LeadQuery = { status: "GRACE", sort: "-protectedUntil", limit: 20 };
// @ts-expect-error a status the API does not know
export const wrongQuery: LeadQuery = { status: "SOMETIMES" };

export function greeting(me: Me): string {
  return `${me.user.name} <${me.user.email}> (${me.user.locale})`;
}

export function describeLead(lead: Lead): string {
  return `${lead.companyName}, ${lead.city ?? "–"}: ${lead.protection?.status ?? "not protected"}`;
}

export function companies(list: LeadList): string[] {
  return list.items.map((item) => item.companyName);
}

export function cost(answer: AiAnswer): number {
  return answer.costEur;
}

/** A typed GET through fetch, as a generated client does it. */
export async function getLead(baseUrl: string, token: string, id: string): Promise<Lead | Problem> {
  const response = await fetch(`${baseUrl}/leads/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as Json<operations["getLead"]["responses"][200]> | Problem;
}
