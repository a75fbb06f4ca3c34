import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { isUniqueViolation, withOrg, type MemberContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { allianzClientFor } from "@/lib/integrations/allianz-trade/connection";
import type { AllianzTradeClient } from "@/lib/integrations/allianz-trade/client";
import type { TWireCompany } from "@/lib/integrations/allianz-trade/wire";
import { IntegrationError } from "@/lib/integrations/errors";
import { loadLead } from "@/lib/leads/access";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import { limitRequestView, readCreditState, readLinkedCompany, type CompanyRow } from "./queries";
import { refreshCompany, refreshedSince, type CreditSnapshot } from "./refresh";
import type { TCompanyCandidate, TCreditCheckInput, TLeadCredit, TLimitRequest } from "./schemas";

/**
 * Credit checks on a lead (issue 13), for managers and admins: the lead's company at Allianz Trade
 * (its CompanyId, found by name, city and VAT number), its grade and current cover read through the
 * per-company cache (credit.cache.ttl): fresh → answered from the cache; older → answered at once
 * with its age while one background read refreshes it (stale-while-revalidate); never read → read
 * now (single-flight and micro-batched, refresh.ts). While the provider's breaker is open, a cached
 * answer is served with its age and when the provider may be asked again, and nothing waits on it.
 */

export interface CreditSettings {
  ttlMs: number;
  windowMs: number;
}

/** Per organisation: an organisation may set its own cache lifetime and batch window. */
const settingsMemo = new Map<string, { at: number; value: CreditSettings }>();

/** The organisation's credit settings, read at most every 30 seconds per process. */
async function creditSettings(tx: Tx, orgId: string): Promise<CreditSettings> {
  const memo = settingsMemo.get(orgId);
  if (memo && Date.now() - memo.at < 30_000) return memo.value;
  const ctx = { orgId, userId: null };
  const ttl = await readEffectiveValue(tx, ctx, "credit.cache.ttl");
  const windowMs = await readEffectiveValue(tx, ctx, "credit.batch.window.ms");
  const value = { ttlMs: durationToMs(ttl) ?? 8 * 3_600_000, windowMs };
  settingsMemo.set(orgId, { at: Date.now(), value });
  return value;
}

/** Forgets the memorised settings (tests that change them). */
export function forgetCreditSettings(): void {
  settingsMemo.clear();
}

interface LeadState {
  company: CompanyRow | null;
  requests: { pending: TLimitRequest | null; last: TLimitRequest | null };
  lead: { companyName: string; city: string; vatId: string | null };
  settings: CreditSettings;
}

/**
 * The lead's credit state as the caller may see it, in one statement: the credit permission first
 * (it asks only the caller's role: managers and admins, who may read every lead of their
 * organisation, so the lead's own access rules add nothing here), then the lead under RLS (404
 * when the caller cannot see it), its linked company with the cached answer and its requests.
 */
async function readLeadState(tx: Tx, ctx: MemberContext, leadId: string): Promise<LeadState> {
  authorize(ctx, "credit.check", { type: "lead", orgId: ctx.orgId });
  const state = await readCreditState(tx, leadId);
  if (!state) throw new AppError("not_found", "No such lead.", { text: { code: "leads.errors.notFound" } });
  return { ...state, settings: await creditSettings(tx, ctx.orgId) };
}

function view(
  leadId: string,
  state: LeadState,
  values: CompanyRow | CreditSnapshot | null,
  extra: Pick<TLeadCredit, "source" | "refreshing" | "unavailable">,
): TLeadCredit {
  const company = state.company;
  const fetchedAt = values?.fetchedAt ?? null;
  return {
    leadId,
    company: company && {
      companyId: company.companyId,
      name: company.name,
      city: company.city,
      country: company.country,
    },
    grade: values?.grade ?? null,
    coverStatus: values?.coverStatus ?? null,
    limit: values?.limitAmount ?? null,
    currency: values?.currency ?? null,
    decidedAt: values?.decidedAt?.toISOString() ?? null,
    fetchedAt: fetchedAt?.toISOString() ?? null,
    age: fetchedAt ? Math.max(0, Math.floor((Date.now() - fetchedAt.getTime()) / 1000)) : null,
    ...extra,
    pendingRequest: state.requests.pending,
    lastRequest: state.requests.last,
  };
}

function notConfigured(): AppError {
  return new AppError("unavailable", "No Allianz Trade connection is configured.", {
    text: { code: "credit.errors.notConfigured" },
  });
}

function unavailableOf(client: AllianzTradeClient): TLeadCredit["unavailable"] {
  const policy = client.policy;
  return {
    since: policy.openedAt?.toISOString() ?? null,
    until: policy.openUntil?.toISOString() ?? null,
  };
}

function unavailableError(client: AllianzTradeClient): AppError {
  const { since, until } = unavailableOf(client) ?? {};
  const untilMs = until ? Date.parse(until) : Date.now() + 1000;
  return new AppError(
    "integration_unavailable",
    `Allianz Trade is unavailable since ${since ?? "now"}; the next attempt is possible from ${until ?? "soon"}.`,
    {
      retryAfterSeconds: Math.max(1, Math.ceil((untilMs - Date.now()) / 1000)),
      text: {
        code: "integrations.errors.unavailable",
        params: { provider: "Allianz Trade", since: new Date(since ?? Date.now()), until: new Date(untilMs) },
      },
    },
  );
}

/** Starts a background read; its failure is logged (the answer already went out as stale). */
function revalidate(orgId: string, companyId: string, client: AllianzTradeClient, windowMs: number): void {
  refreshCompany(orgId, companyId, client, windowMs).catch((error: unknown) =>
    console.warn(
      JSON.stringify({ msg: "credit refresh failed", orgId, companyId, error: (error as Error).message }),
    ),
  );
}

/** GET /leads/{id}/credit: the lead's credit answer, from the cache, stale with a refresh, or read now. */
export async function getLeadCredit(ctx: MemberContext, leadId: string): Promise<TLeadCredit> {
  const readAt = new Date();
  const state = await withOrg(ctx, (tx) => readLeadState(tx, ctx, leadId));
  const company = state.company;
  const none = { source: null, refreshing: false, unavailable: null };
  if (!company) return view(leadId, state, null, none);
  const client = await allianzClientFor(ctx.orgId);
  const fetched = company.fetchedAt;
  if (fetched && Date.now() - fetched.getTime() < state.settings.ttlMs) {
    return view(leadId, state, company, { ...none, source: "cache" });
  }
  if (!client) return view(leadId, state, company, { ...none, source: fetched ? "stale" : null });
  // Another check of this process stored a newer answer after this one read the cache.
  const newer = refreshedSince(ctx.orgId, company.companyId, readAt);
  if (newer) return view(leadId, state, newer, { ...none, source: "provider" });
  if (fetched) {
    if (client.policy.state === "open") {
      return view(leadId, state, company, { ...none, source: "stale", unavailable: unavailableOf(client) });
    }
    revalidate(ctx.orgId, company.companyId, client, state.settings.windowMs);
    return view(leadId, state, company, { ...none, source: "stale", refreshing: true });
  }
  // Nothing cached and the provider is known to be down: refused at once, nothing waits on it.
  if (client.policy.state === "open") throw unavailableError(client);
  const snapshot = await refreshCompany(
    ctx.orgId,
    company.companyId,
    client,
    state.settings.windowMs,
    readAt,
  );
  return view(leadId, state, snapshot, { ...none, source: "provider" });
}

const vatOf = (v: string | null | undefined) => v?.replace(/\s+/g, "").toUpperCase() || null;

/** The provider's search for the lead's company (name, city, VAT number), the VAT match first. */
async function searchCandidates(
  client: AllianzTradeClient,
  state: LeadState,
): Promise<(TCompanyCandidate & { wire: TWireCompany })[]> {
  const found = await client.searchCompanies({
    name: state.lead.companyName,
    city: state.lead.city,
    ...(state.lead.vatId && { vatNumber: state.lead.vatId }),
  });
  const leadVat = vatOf(state.lead.vatId);
  const candidates = found.map((c) => ({
    companyId: c.companyId,
    name: c.companyName,
    city: c.address?.city ?? null,
    country: c.address?.countryCode ?? null,
    vatNumber: c.vatNumber ?? null,
    vatMatch: leadVat !== null && vatOf(c.vatNumber) === leadVat,
    linked: state.company?.companyId === c.companyId,
    wire: c,
  }));
  return [...candidates.filter((c) => c.vatMatch), ...candidates.filter((c) => !c.vatMatch)];
}

/** GET /leads/{id}/credit/companies: the candidates to link the lead to (nothing is stored). */
export async function findCreditCompanies(ctx: MemberContext, leadId: string): Promise<TCompanyCandidate[]> {
  const state = await withOrg(ctx, (tx) => readLeadState(tx, ctx, leadId));
  const client = await allianzClientFor(ctx.orgId);
  if (!client) throw notConfigured();
  return (await searchCandidates(client, state)).map(({ wire: _wire, ...candidate }) => candidate);
}

/** POST /leads/{id}/credit-checks, kind `check`: link the lead's company (if needed) and read it now. */
export async function runCreditCheck(
  ctx: MemberContext,
  leadId: string,
  input: Pick<TCreditCheckInput, "companyId"> & { kind?: TCreditCheckInput["kind"] },
): Promise<TLeadCredit> {
  const state = await withOrg(ctx, (tx) => readLeadState(tx, ctx, leadId));
  const client = await allianzClientFor(ctx.orgId);
  if (!client) throw notConfigured();
  let company = state.company;
  if (!company || (input.companyId && input.companyId !== company.companyId)) {
    const found = await searchCandidates(client, state);
    // The chosen company; else the one whose VAT number is the lead's, or the only one found.
    // Several without a VAT match: the caller chooses (GET …/credit/companies), nothing is guessed.
    const chosen = input.companyId
      ? found.find((c) => c.companyId === input.companyId)
      : found[0]?.vatMatch || found.length === 1
        ? found[0]
        : undefined;
    if (!input.companyId && found.length > 1 && !chosen) {
      throw new AppError("conflict", "Several companies match the lead; choose one by its companyId.", {
        text: { code: "credit.errors.chooseCompany" },
      });
    }
    const match = chosen?.wire;
    if (!match) {
      throw new AppError("unprocessable", "The credit provider found no matching company.", {
        text: { code: "credit.errors.noMatch" },
      });
    }
    company = await withOrg(ctx, async (tx) => {
      await loadLead(tx, ctx, leadId, "lead.read");
      const row = await tx.creditCompany.upsert({
        where: { orgId_companyId: { orgId: ctx.orgId, companyId: match.companyId } },
        create: {
          orgId: ctx.orgId,
          companyId: match.companyId,
          name: match.companyName,
          city: match.address?.city ?? null,
          country: match.address?.countryCode ?? null,
        },
        update: {
          name: match.companyName,
          city: match.address?.city ?? null,
          country: match.address?.countryCode ?? null,
        },
      });
      await tx.leadCredit.upsert({
        where: { leadId },
        create: { leadId, orgId: ctx.orgId, companyRef: row.id, linkedBy: ctx.userId },
        update: { companyRef: row.id, linkedBy: ctx.userId, linkedAt: new Date() },
      });
      await recordAudit(tx, ctx, {
        action: "credit.company.linked",
        resourceType: "lead",
        resourceId: leadId,
        before: state.company ? { companyId: state.company.companyId } : undefined,
        after: { companyId: match.companyId, name: match.companyName },
      });
      return (await readLinkedCompany(tx, leadId)) as CompanyRow;
    });
  }
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "credit.checked",
      resourceType: "lead",
      resourceId: leadId,
      after: { companyId: company.companyId },
    }),
  );
  const snapshot = await refreshCompany(ctx.orgId, company.companyId, client, state.settings.windowMs);
  return view(leadId, { ...state, company }, snapshot, {
    source: "provider",
    refreshing: false,
    unavailable: null,
  });
}

/** POST /leads/{id}/credit-checks, kind `limit`: ask the provider for a limit; the job polls its answer. */
export async function requestCreditLimit(
  ctx: MemberContext,
  leadId: string,
  request: Pick<TCreditCheckInput, "amount" | "currency"> & { kind?: TCreditCheckInput["kind"] },
): Promise<TLimitRequest> {
  const input = { amount: request.amount ?? 0, currency: request.currency ?? "EUR" };
  if (!(input.amount > 0)) {
    throw new AppError("unprocessable", "The amount is required.", {
      fieldErrors: [{ path: "amount", message: "required", code: "credit.fieldErrors.amount" }],
    });
  }
  const state = await withOrg(ctx, (tx) => readLeadState(tx, ctx, leadId));
  const company = state.company;
  if (!company) {
    throw new AppError("conflict", "Check the lead's credit first: it is linked to no company yet.", {
      text: { code: "credit.errors.notLinked" },
    });
  }
  const pendingConflict = () =>
    new AppError("conflict", "A limit request for this lead is still pending.", {
      text: { code: "credit.errors.requestPending" },
    });
  if (state.requests.pending) throw pendingConflict();
  const client = await allianzClientFor(ctx.orgId);
  if (!client) throw notConfigured();
  let jobId: string;
  try {
    jobId = await client.requestCover({
      companyId: company.companyId,
      amount: input.amount,
      currency: input.currency,
    });
  } catch (error) {
    if (error instanceof IntegrationError && !error.transient) {
      throw new AppError("unprocessable", "The credit provider refused the limit request.", {
        text: { code: "credit.errors.refused" },
      });
    }
    throw error;
  }
  try {
    return await withOrg(ctx, async (tx) => {
      await loadLead(tx, ctx, leadId, "lead.read");
      const row = await tx.creditLimitRequest.create({
        data: {
          orgId: ctx.orgId,
          leadId,
          companyRef: company.ref,
          amount: input.amount,
          currency: input.currency,
          providerJobId: jobId,
          requestedBy: ctx.userId,
        },
      });
      await recordAudit(tx, ctx, {
        action: "credit.limit.requested",
        resourceType: "lead",
        resourceId: leadId,
        after: { companyId: company.companyId, amount: input.amount, currency: input.currency, jobId },
      });
      return limitRequestView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw pendingConflict();
    throw error;
  }
}
