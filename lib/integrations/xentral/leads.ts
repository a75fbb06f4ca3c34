import "server-only";

import { randomBytes } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadLead } from "@/lib/leads/access";

import { redactError } from "../errors";
import { toAppError, XentralError } from "./client";
import { clientOf, openXentralConnection, type OpenXentral } from "./connection";
import type { TCustomerCandidate, TCustomerSearch, TLeadXentral, TSalesOrderInput } from "./schemas";
import type { ListFilter, TXentralCustomer } from "./wire";

/**
 * A lead and Xentral: its customer (searched by VAT number, or name and zip; linked by a manager
 * or admin, the customer number shown on the lead) and the sales order made from a lead whose last
 * decided test phase ended with LIST. The order is imported with `delivery.autoShipping: false`
 * (nothing ships before someone checks it in Xentral), once: our externalOrderNumber is kept on the
 * lead before the call, a second request answers the stored Location, a concurrent one is a 409.
 * The connection's token is read in the organisation's system context (members other than admins
 * cannot read connections) after the member's own access has been checked.
 */

/** A stored price as Xentral's amount string: at least two decimals, no trailing zeros beyond. */
export function amountOf(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${fraction.replace(/0+$/, "").padEnd(2, "0")}`;
}

const systemOf = (ctx: MemberContext) => ({ orgId: ctx.orgId, userId: null, roles: ["system" as const] });

async function connectionFor(ctx: MemberContext): Promise<OpenXentral | null> {
  return withOrg(systemOf(ctx), (tx) => openXentralConnection(tx, ctx.orgId));
}

async function requireConnection(ctx: MemberContext): Promise<OpenXentral> {
  const connection = await connectionFor(ctx);
  if (!connection) {
    throw new AppError("unprocessable", "No Xentral connection is set up.", {
      text: { code: "xentral.errors.notConfigured" },
    });
  }
  return connection;
}

/** The SKUs of the lead's last decided test phase, when it ended LIST, with their Xentral ids. */
async function positivePhaseSkus(tx: Tx, leadId: string) {
  const [phase] = await tx.$queryRaw<{ id: string; decision: string }[]>`
    SELECT id::text, decision FROM test_phase
    WHERE lead_id = ${leadId}::uuid AND decision IS NOT NULL
    ORDER BY decided_at DESC LIMIT 1`;
  if (!phase || phase.decision !== "LIST") return null;
  return tx.$queryRaw<
    { sku: string; name: string; external_id: string; price: string | null; currency: string | null }[]
  >`
    SELECT r.sku, p.name, p.external_id, p.sales_price_net::text AS price, p.currency
    FROM test_result r JOIN product p ON p.org_id = r.org_id AND p.sku = r.sku
    WHERE r.phase_id = ${phase.id}::uuid AND r.outcome = 'SUCCESS' AND p.source = 'XENTRAL' AND p.active
    ORDER BY r.sku`;
}

export async function getLeadXentral(ctx: MemberContext, leadId: string): Promise<TLeadXentral> {
  const configured = (await connectionFor(ctx)) !== null;
  return withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.read");
    const link = await tx.leadXentral.findUnique({ where: { orgId_leadId: { orgId: ctx.orgId, leadId } } });
    const skus = await positivePhaseSkus(tx, leadId);
    return {
      configured,
      customer: link
        ? {
            id: link.customerId,
            number: link.customerNumber,
            name: link.customerName,
            linkedAt: link.linkedAt.toISOString(),
          }
        : null,
      salesOrder:
        link?.orderNumber && link.orderState
          ? {
              externalOrderNumber: link.orderNumber,
              state: link.orderState as "SENDING" | "CREATED" | "FAILED",
              location: link.orderLocation,
              error: link.orderError,
              createdAt: link.orderCreatedAt?.toISOString() ?? null,
            }
          : null,
      orderable: skus !== null && skus.length > 0,
      skus: (skus ?? []).map((s) => ({ sku: s.sku, name: s.name, price: s.price })),
    };
  });
}

const candidateOf = (c: TXentralCustomer): TCustomerCandidate => ({
  id: c.id,
  number: c.general.customerNumber ?? c.general.number ?? c.id,
  name: c.general.name ?? "",
  vatNumber: c.general.vatNumber ?? null,
  zip: c.general.address?.zip ?? null,
  city: c.general.address?.city ?? null,
});

/** Xentral's customers matching the VAT number, or the name (and zip); managers and admins. */
export async function searchXentralCustomers(
  ctx: MemberContext,
  leadId: string,
  search: TCustomerSearch,
): Promise<TCustomerCandidate[]> {
  await withOrg(ctx, (tx) => loadLead(tx, ctx, leadId, "lead.manage"));
  const connection = await requireConnection(ctx);
  const filters: ListFilter[] = search.vatNumber
    ? [{ key: "vatNumber", op: "equals", value: search.vatNumber.replace(/\s+/g, "").toUpperCase() }]
    : [
        { key: "name", op: "contains", value: search.name ?? "" },
        ...(search.zip ? [{ key: "zip", op: "equals" as const, value: search.zip }] : []),
      ];
  try {
    const page = await clientOf(ctx, connection).listCustomers({ filters });
    return page.customers.map(candidateOf);
  } catch (error) {
    throw toAppError(error);
  }
}

/** Links the lead to the Xentral customer with this number (looked up again, not taken on trust). */
export async function linkXentralCustomer(
  ctx: MemberContext,
  leadId: string,
  customerNumber: string,
): Promise<TCustomerCandidate> {
  await withOrg(ctx, (tx) => loadLead(tx, ctx, leadId, "lead.manage"));
  const connection = await requireConnection(ctx);
  let found: TCustomerCandidate | undefined;
  try {
    const page = await clientOf(ctx, connection).listCustomers({
      filters: [{ key: "number", op: "equals", value: customerNumber }],
    });
    found = page.customers.map(candidateOf).find((c) => c.number === customerNumber);
  } catch (error) {
    throw toAppError(error);
  }
  if (!found) {
    throw new AppError("not_found", "No such Xentral customer.", {
      text: { code: "xentral.errors.customerNotFound" },
    });
  }
  const customer = found;
  await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.manage");
    const before = await tx.leadXentral.findUnique({ where: { orgId_leadId: { orgId: ctx.orgId, leadId } } });
    if (before?.orderState === "CREATED" || before?.orderState === "SENDING") {
      throw new AppError("conflict", "A sales order was made for this customer link.", {
        text: { code: "xentral.errors.linkHasOrder" },
      });
    }
    const data = {
      customerId: customer.id,
      customerNumber: customer.number,
      customerName: customer.name.slice(0, 300) || customer.number,
      linkedBy: ctx.userId,
      linkedAt: new Date(),
    };
    await tx.leadXentral.upsert({
      where: { orgId_leadId: { orgId: ctx.orgId, leadId } },
      create: { orgId: ctx.orgId, leadId, ...data },
      update: data,
    });
    await recordAudit(tx, ctx, {
      action: "integration.xentral.customer_linked",
      resourceType: "lead",
      resourceId: leadId,
      ...(before ? { before: { customerId: before.customerId, customerNumber: before.customerNumber } } : {}),
      after: { customerId: customer.id, customerNumber: customer.number },
    });
  });
  return customer;
}

/** A SENDING state older than this is taken as a lost answer: the order may be sent again. */
const SENDING_STALE_MS = 5 * 60_000;

export interface SalesOrderResult {
  externalOrderNumber: string;
  location: string;
  /** false: it had been made before; this answer is the stored one. */
  created: boolean;
}

/** Creates the lead's sales order in Xentral, once. Managers and admins. */
export async function createXentralSalesOrder(
  ctx: MemberContext,
  leadId: string,
  input: TSalesOrderInput,
): Promise<SalesOrderResult> {
  authorize(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId });
  const connection = await requireConnection(ctx);
  const { projectId, paymentMethodId, shippingMethodId, currency, taxRate } = connection.settings;
  if (!projectId || !paymentMethodId || !shippingMethodId) {
    throw new AppError(
      "unprocessable",
      "The Xentral connection names no project, payment or shipping method.",
      {
        text: { code: "xentral.errors.orderDefaultsMissing" },
      },
    );
  }
  const claimed = await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.manage");
    const [link] = await tx.$queryRaw<
      {
        customer_id: string;
        order_number: string | null;
        order_state: string | null;
        order_location: string | null;
        order_created_at: Date | null;
      }[]
    >`SELECT customer_id, order_number, order_state, order_location, order_created_at FROM lead_xentral
      WHERE org_id = ${ctx.orgId}::uuid AND lead_id = ${leadId}::uuid FOR UPDATE`;
    if (!link) {
      throw new AppError("unprocessable", "Link the lead to a Xentral customer first.", {
        text: { code: "xentral.errors.noCustomer" },
      });
    }
    if (link.order_state === "CREATED" && link.order_number && link.order_location) {
      return {
        done: { externalOrderNumber: link.order_number, location: link.order_location, created: false },
      };
    }
    if (link.order_state === "SENDING") {
      const [{ stale }] = await tx.$queryRaw<{ stale: boolean }[]>`
        SELECT coalesce(order_created_at, linked_at) < now() - make_interval(secs => ${SENDING_STALE_MS / 1000})
               AS stale FROM lead_xentral WHERE org_id = ${ctx.orgId}::uuid AND lead_id = ${leadId}::uuid`;
      if (!stale) {
        throw new AppError("conflict", "This sales order is being sent.", {
          text: { code: "xentral.errors.orderInProgress" },
        });
      }
    }
    const skus = await positivePhaseSkus(tx, leadId);
    if (!skus || skus.length === 0) {
      throw new AppError("unprocessable", "The lead's last test phase did not end with a listing.", {
        text: { code: "xentral.errors.notOrderable" },
      });
    }
    const bySku = new Map(skus.map((s) => [s.sku, s]));
    const positions = input.positions.map((p, i) => {
      const product = bySku.get(p.sku);
      if (!product || product.price === null || product.currency === null) {
        throw new AppError(
          "unprocessable",
          `Position ${i + 1}: ${p.sku} is no priced product of the test phase.`,
          {
            fieldErrors: [
              {
                path: `positions.${i}.sku`,
                message: "not in the test phase",
                code: "xentral.fieldErrors.skuNotInPhase",
              },
            ],
          },
        );
      }
      return {
        product: { id: product.external_id },
        quantity: p.quantity,
        price: { amount: amountOf(product.price), currency: product.currency },
        tax: { rate: taxRate },
      };
    });
    // The idempotency key: kept from an earlier (failed or lost) attempt, else made now.
    const orderNumber =
      link.order_number ??
      `FP-${leadId.slice(0, 8).toUpperCase()}-${randomBytes(3).toString("hex").toUpperCase()}`;
    await tx.$executeRaw`
      UPDATE lead_xentral SET order_number = ${orderNumber}, order_state = 'SENDING', order_error = NULL,
             order_created_at = now(), order_created_by = ${ctx.userId}::uuid
      WHERE org_id = ${ctx.orgId}::uuid AND lead_id = ${leadId}::uuid`;
    return { customerId: link.customer_id, orderNumber, positions };
  });
  if ("done" in claimed && claimed.done) return claimed.done;
  const { customerId, orderNumber, positions } = claimed as Exclude<
    typeof claimed,
    { done: SalesOrderResult }
  >;
  const finish = (data: { state: "CREATED" | "FAILED"; location?: string; error?: string }) =>
    withOrg(ctx, async (tx) => {
      await tx.$executeRaw`
        UPDATE lead_xentral SET order_state = ${data.state}, order_location = ${data.location ?? null},
               order_error = ${data.error ?? null}, order_created_at = now()
        WHERE org_id = ${ctx.orgId}::uuid AND lead_id = ${leadId}::uuid AND order_number = ${orderNumber}`;
      if (data.state === "CREATED") {
        await recordAudit(tx, ctx, {
          action: "integration.xentral.sales_order_created",
          resourceType: "lead",
          resourceId: leadId,
          after: { externalOrderNumber: orderNumber, location: data.location, positions: positions.length },
        });
      }
    });
  try {
    const { location } = await clientOf(ctx, connection).importSalesOrder({
      date: new Date().toISOString().slice(0, 10),
      externalOrderNumber: orderNumber,
      ...(input.customerOrderNumber ? { customerOrderNumber: input.customerOrderNumber } : {}),
      customer: { id: customerId },
      project: { id: projectId },
      financials: { paymentMethod: { id: paymentMethodId }, currency },
      delivery: { shippingMethod: { id: shippingMethodId }, autoShipping: false },
      positions,
    });
    await finish({ state: "CREATED", location });
    return { externalOrderNumber: orderNumber, location, created: true };
  } catch (error) {
    const message =
      error instanceof XentralError && error.status === 409
        ? `Xentral already holds an order ${orderNumber}; check it there.`
        : redactError(error instanceof Error ? error.message : String(error), 2000);
    await finish({ state: "FAILED", error: message });
    throw toAppError(error);
  }
}
