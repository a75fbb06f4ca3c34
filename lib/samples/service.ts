import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { isUniqueViolation, withOrg, type MemberContext, type Tx } from "@/lib/db";
import { AppError, type FieldError } from "@/lib/errors";
import { assertNotFuture, loadLead } from "@/lib/leads/access";

import { phaseProducts } from "./queries";
import {
  type TBoxStatus,
  type TBoxStatusChange,
  type TCreateBox,
  type TCreatePhase,
  type TCreateProduct,
  type TListBoxes,
  type TListProducts,
  type TRecordResults,
} from "./schemas";
import { isLegalMove } from "./status";

export { createFeedbackLink, resendFeedbackLink, revokeFeedbackLink } from "./links";

/**
 * Samples on the admin side: the catalogue, sample boxes and their status, test phases, results and
 * the feedback that came in. A box, a phase and everything below it belong to a lead: the access
 * rules are the lead's (loadLead: RLS first, an invisible lead is a 404, then `sample.read` or
 * `sample.configure`), and RLS on every samples table holds them again. Every change is audited.
 */

export type SamplesContext = MemberContext;

export function notFound(): AppError {
  return new AppError("not_found", "Not found.", { text: { code: "samples.errors.notFound" } });
}

const num = (value: { toString(): string } | null) => (value === null ? null : Number(value.toString()));
const day = (value: Date) => value.toISOString().slice(0, 10);

// The catalogue ----------------------------------------------------------------------------------------

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string | null;
  packSize: string | null;
  imageUrl: string | null;
  active: boolean;
  source: string;
}

export async function listProducts(
  ctx: SamplesContext,
  query: TListProducts,
): Promise<{ items: ProductDto[] }> {
  authorize(ctx, "product.read", { type: "product", orgId: ctx.orgId });
  const rows = await withOrg(ctx, (tx) =>
    tx.product.findMany({
      where: {
        orgId: ctx.orgId,
        ...(query.all ? {} : { active: true }),
        ...(query.q
          ? {
              OR: [
                { name: { contains: query.q, mode: "insensitive" as const } },
                { sku: { contains: query.q, mode: "insensitive" as const } },
              ],
            }
          : {}),
      },
      orderBy: [{ category: "asc" }, { name: "asc" }],
      take: 1000,
    }),
  );
  return { items: rows.map(productDto) };
}

/** A catalogue row as the API shows it (the row's other columns stay behind). */
export function productDto(p: ProductDto): ProductDto {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    category: p.category,
    unit: p.unit,
    packSize: p.packSize,
    imageUrl: p.imageUrl,
    active: p.active,
    source: p.source,
  };
}

export async function createProduct(ctx: SamplesContext, input: TCreateProduct): Promise<ProductDto> {
  authorize(ctx, "product.manage", { type: "product", orgId: ctx.orgId });
  try {
    return await withOrg(ctx, async (tx) => {
      const product = await tx.product.create({
        data: {
          orgId: ctx.orgId,
          sku: input.sku,
          name: input.name,
          category: input.category ?? null,
          unit: input.unit ?? null,
          packSize: input.packSize ?? null,
          imageUrl: input.imageUrl ?? null,
          source: "MANUAL",
        },
      });
      await recordAudit(tx, ctx, {
        action: "samples.product.created",
        resourceType: "product",
        resourceId: product.id,
        after: { sku: product.sku, name: product.name, category: product.category },
      });
      return productDto(product);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A product with sku ${input.sku} exists already.`, {
        text: { code: "samples.errors.productExists" },
        fieldErrors: [{ path: "sku", message: "exists already", code: "samples.errors.productExists" }],
      });
    }
    throw error;
  }
}

// Sample boxes -----------------------------------------------------------------------------------------

export async function boxDto(tx: Tx, boxId: string) {
  const box = await tx.sampleBox.findUnique({
    where: { id: boxId },
    include: {
      items: { include: { product: { select: { name: true, unit: true, packSize: true } } } },
      phases: {
        orderBy: { startDate: "asc" },
        include: {
          results: { orderBy: { sku: "asc" } },
          links: { orderBy: { createdAt: "desc" } },
          _count: { select: { feedback: true } },
        },
      },
    },
  });
  if (!box) throw notFound();
  return {
    id: box.id,
    leadId: box.leadId,
    accountId: box.accountId,
    status: box.status as TBoxStatus,
    notes: box.notes,
    trackingRef: box.trackingRef,
    configuredBy: box.configuredBy,
    configuredAt: box.configuredAt.toISOString(),
    shippedAt: box.shippedAt?.toISOString() ?? null,
    deliveredAt: box.deliveredAt?.toISOString() ?? null,
    statusAt: box.statusAt.toISOString(),
    items: box.items
      .map((i) => ({
        sku: i.sku,
        qty: i.qty,
        name: i.product.name,
        unit: i.product.unit,
        packSize: i.product.packSize,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    phases: box.phases.map((p) => ({
      id: p.id,
      stage: p.stage,
      startDate: day(p.startDate),
      endDate: day(p.endDate),
      decision: p.decision,
      feedbackCount: p._count.feedback,
      results: p.results.map((r) => ({
        sku: r.sku,
        outcome: r.outcome,
        sellThroughPct: num(r.sellThroughPct),
        wasteDeltaPct: num(r.wasteDeltaPct),
        notes: r.notes,
      })),
      links: p.links.map(linkSummary),
    })),
  };
}

export type SampleBoxDto = Awaited<ReturnType<typeof boxDto>>;

/** What the admin side shows of a link: never its token (which is stored nowhere). */
export function linkSummary(l: {
  id: string;
  recipientName: string | null;
  recipientEmail: string | null;
  locale: string;
  expiresAt: Date;
  firstOpenedAt: Date | null;
  submittedAt: Date | null;
  revokedAt: Date | null;
  invitedAt: Date | null;
  remindedAt: Date | null;
  createdAt: Date;
}) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const state = l.submittedAt
    ? "SUBMITTED"
    : l.revokedAt
      ? "REVOKED"
      : l.expiresAt.getTime() <= Date.now()
        ? "EXPIRED"
        : "OPEN";
  return {
    id: l.id,
    state,
    recipientName: l.recipientName,
    recipientEmail: l.recipientEmail,
    locale: l.locale,
    expiresAt: l.expiresAt.toISOString(),
    firstOpenedAt: iso(l.firstOpenedAt),
    submittedAt: iso(l.submittedAt),
    revokedAt: iso(l.revokedAt),
    invitedAt: iso(l.invitedAt),
    remindedAt: iso(l.remindedAt),
    createdAt: l.createdAt.toISOString(),
  };
}

/** The box with its lead checked for `action`: 404 when RLS hides either. */
async function loadBox(
  tx: Tx,
  ctx: SamplesContext,
  boxId: string,
  action: "sample.read" | "sample.configure",
) {
  const box = await tx.sampleBox.findUnique({
    where: { id: boxId },
    select: { id: true, leadId: true, status: true },
  });
  if (!box) throw notFound();
  await loadLead(tx, ctx, box.leadId, action);
  return { ...box, status: box.status as TBoxStatus };
}

async function loadPhase(
  tx: Tx,
  ctx: SamplesContext,
  phaseId: string,
  action: "sample.read" | "sample.configure",
) {
  const phase = await tx.testPhase.findUnique({ where: { id: phaseId } });
  if (!phase) throw notFound();
  await loadLead(tx, ctx, phase.leadId, action);
  return phase;
}

export { loadPhase };

/** Field errors for skus that are not in the active catalogue. */
async function catalogueErrors(tx: Tx, orgId: string, skus: readonly string[]): Promise<FieldError[]> {
  const found = new Set(
    (
      await tx.product.findMany({
        where: { orgId, sku: { in: [...skus] }, active: true },
        select: { sku: true },
      })
    ).map((p) => p.sku),
  );
  return skus.flatMap((sku, i) =>
    found.has(sku)
      ? []
      : [
          {
            path: `items.${i}.sku`,
            message: "not in the active catalogue",
            code: "samples.fieldErrors.notInCatalogue",
          },
        ],
  );
}

export async function createBox(ctx: SamplesContext, input: TCreateBox): Promise<SampleBoxDto> {
  return withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, input.leadId, "sample.configure");
    const errors = await catalogueErrors(
      tx,
      ctx.orgId,
      input.items.map((i) => i.sku),
    );
    if (errors.length > 0) {
      throw new AppError("bad_request", "Some products are not in the active catalogue.", {
        text: { code: "samples.errors.notInCatalogue" },
        fieldErrors: errors,
      });
    }
    const box = await tx.sampleBox.create({
      data: {
        orgId: ctx.orgId,
        leadId: input.leadId,
        accountId: input.accountId ?? null,
        notes: input.notes ?? null,
        configuredBy: ctx.userId,
      },
    });
    await tx.sampleBoxItem.createMany({
      data: input.items.map((i) => ({
        orgId: ctx.orgId,
        boxId: box.id,
        leadId: input.leadId,
        sku: i.sku,
        qty: i.qty,
      })),
    });
    await recordAudit(tx, ctx, {
      action: "samples.box.created",
      resourceType: "sample_box",
      resourceId: box.id,
      after: { leadId: input.leadId, items: input.items, notes: input.notes ?? null },
    });
    return boxDto(tx, box.id);
  });
}

export async function getBox(ctx: SamplesContext, boxId: string): Promise<SampleBoxDto> {
  return withOrg(ctx, async (tx) => {
    await loadBox(tx, ctx, boxId, "sample.read");
    return boxDto(tx, boxId);
  });
}

export interface BoxListItem {
  id: string;
  leadId: string;
  companyName: string;
  status: TBoxStatus;
  items: number;
  configuredAt: string;
  statusAt: string;
}

/** The boxes the caller may see (RLS decides), newest first; of one lead when `leadId` is given. */
export async function listBoxes(ctx: SamplesContext, query: TListBoxes): Promise<{ items: BoxListItem[] }> {
  authorize(ctx, "org.read", { type: "org", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    if (query.leadId) await loadLead(tx, ctx, query.leadId, "sample.read");
    const boxes = await tx.sampleBox.findMany({
      where: {
        orgId: ctx.orgId,
        ...(query.leadId ? { leadId: query.leadId } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      orderBy: { configuredAt: "desc" },
      take: query.limit,
      include: { lead: { select: { companyName: true } }, _count: { select: { items: true } } },
    });
    return {
      items: boxes.map((b) => ({
        id: b.id,
        leadId: b.leadId,
        companyName: b.lead.companyName,
        status: b.status as TBoxStatus,
        items: b._count.items,
        configuredAt: b.configuredAt.toISOString(),
        statusAt: b.statusAt.toISOString(),
      })),
    };
  });
}

export async function changeBoxStatus(
  ctx: SamplesContext,
  boxId: string,
  input: TBoxStatusChange,
): Promise<SampleBoxDto> {
  const at = input.at ?? new Date();
  assertNotFuture(at, "at");
  return withOrg(ctx, async (tx) => {
    const box = await loadBox(tx, ctx, boxId, "sample.configure");
    if (!isLegalMove(box.status, input.status)) {
      throw new AppError("conflict", `A sample box cannot go from ${box.status} to ${input.status}.`, {
        text: { code: "samples.errors.illegalMove", params: { from: box.status, to: input.status } },
        fieldErrors: [
          { path: "status", message: `not after ${box.status}`, code: "samples.errors.illegalMove" },
        ],
      });
    }
    await tx.sampleBox.update({
      where: { id: boxId },
      data: {
        status: input.status,
        statusAt: at,
        ...(input.status === "SHIPPED" ? { shippedAt: at } : {}),
        ...(input.status === "DELIVERED" ? { deliveredAt: at } : {}),
        ...(input.trackingRef ? { trackingRef: input.trackingRef } : {}),
      },
    });
    await recordAudit(tx, ctx, {
      action: "samples.box.status_changed",
      resourceType: "sample_box",
      resourceId: boxId,
      before: { status: box.status },
      after: { status: input.status, at, trackingRef: input.trackingRef ?? null },
    });
    return boxDto(tx, boxId);
  });
}

// Test phases and results --------------------------------------------------------------------------------

export async function createPhase(ctx: SamplesContext, boxId: string, input: TCreatePhase) {
  return withOrg(ctx, async (tx) => {
    const box = await loadBox(tx, ctx, boxId, "sample.configure");
    if (box.status === "DECIDED" || box.status === "CANCELLED") {
      throw new AppError("conflict", "This sample box is closed.", {
        text: { code: "samples.errors.boxClosed" },
      });
    }
    const phase = await tx.testPhase.create({
      data: {
        orgId: ctx.orgId,
        boxId,
        leadId: box.leadId,
        stage: input.stage,
        startDate: new Date(`${input.startDate}T00:00:00Z`),
        endDate: new Date(`${input.endDate}T00:00:00Z`),
        createdBy: ctx.userId,
      },
    });
    // A delivered box whose test begins is in test.
    const inTest = box.status === "DELIVERED";
    if (inTest)
      await tx.sampleBox.update({ where: { id: boxId }, data: { status: "IN_TEST", statusAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "samples.phase.created",
      resourceType: "test_phase",
      resourceId: phase.id,
      after: { boxId, ...input, boxStatus: inTest ? "IN_TEST" : box.status },
    });
    return {
      id: phase.id,
      boxId,
      leadId: box.leadId,
      stage: phase.stage,
      startDate: day(phase.startDate),
      endDate: day(phase.endDate),
    };
  });
}

export async function recordResults(ctx: SamplesContext, phaseId: string, input: TRecordResults) {
  return withOrg(ctx, async (tx) => {
    const phase = await loadPhase(tx, ctx, phaseId, "sample.configure");
    const known = new Set((await phaseProducts(tx, phaseId)).map((p) => p.sku));
    const errors = input.items.flatMap((item, i) =>
      known.has(item.sku)
        ? []
        : [
            {
              path: `items.${i}.sku`,
              message: "not a product of this test",
              code: "samples.fieldErrors.skuNotInPhase",
            },
          ],
    );
    if (errors.length > 0) {
      throw new AppError("bad_request", "A result names a product that is not part of this test.", {
        text: { code: "samples.portal.invalid" },
        fieldErrors: errors,
      });
    }
    for (const item of input.items) {
      const values = {
        outcome: item.outcome,
        sellThroughPct: item.sellThroughPct ?? null,
        wasteDeltaPct: item.wasteDeltaPct ?? null,
        notes: item.notes ?? null,
        recordedBy: ctx.userId,
        recordedAt: new Date(),
      };
      await tx.testResult.upsert({
        where: { phaseId_sku: { phaseId, sku: item.sku } },
        create: { orgId: ctx.orgId, phaseId, leadId: phase.leadId, sku: item.sku, ...values },
        update: values,
      });
    }
    await recordAudit(tx, ctx, {
      action: "samples.results.recorded",
      resourceType: "test_phase",
      resourceId: phaseId,
      after: { items: input.items },
    });
    const results = await tx.testResult.findMany({ where: { phaseId }, orderBy: { sku: "asc" } });
    return {
      items: results.map((r) => ({
        sku: r.sku,
        outcome: r.outcome,
        sellThroughPct: num(r.sellThroughPct),
        wasteDeltaPct: num(r.wasteDeltaPct),
        notes: r.notes,
        recordedAt: r.recordedAt.toISOString(),
      })),
    };
  });
}

/** The feedback that came in for a test phase, newest first. */
export async function listFeedback(ctx: SamplesContext, phaseId: string) {
  return withOrg(ctx, async (tx) => {
    await loadPhase(tx, ctx, phaseId, "sample.read");
    const rows = await tx.productFeedback.findMany({
      where: { phaseId },
      orderBy: [{ createdAt: "desc" }, { sku: "asc" }],
      include: { product: { select: { name: true } } },
    });
    return { items: rows.map(feedbackDto) };
  });
}

/** A feedback row as the admin side shows it. */
export function feedbackDto(f: {
  id: string;
  sku: string;
  product: { name: string };
  rating: number;
  comment: string | null;
  wouldReorder: boolean | null;
  contactName: string | null;
  contactRole: string | null;
  source: string;
  linkId: string | null;
  sentiment: string | null;
  sentimentTopics: string[];
  createdAt: Date;
}) {
  return {
    id: f.id,
    sku: f.sku,
    productName: f.product.name,
    rating: f.rating,
    comment: f.comment,
    wouldReorder: f.wouldReorder,
    contactName: f.contactName,
    contactRole: f.contactRole,
    source: f.source,
    linkId: f.linkId,
    sentiment: f.sentiment,
    sentimentTopics: f.sentimentTopics,
    createdAt: f.createdAt.toISOString(),
  };
}

export type FeedbackDto = ReturnType<typeof feedbackDto>;
