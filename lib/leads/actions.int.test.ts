import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { loadAccount } from "@/lib/auth/account";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type { ActionState } from "@/lib/http/action";
import { checkHealth } from "@/lib/system/health";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import {
  addCollaboratorAction,
  backdateAction,
  createHoldAction,
  createLeadAction,
  decideExtensionAction,
  logActivityAction,
  reassignAction,
  requestExtensionAction,
} from "./actions";

// The lead forms' server actions against forged posts. A field named `__proto__.x` once reached
// Object.prototype through the dotted-name nesting (issue #9): every later request of the process
// failed until a restart. Only Next.js's request scope is stood in for, as in lib/ai/actions.int.test.ts.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "lead-actions-test" }),
}));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "en",
  getTranslations: async () => Object.assign((key: string) => key, { has: () => false }),
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
}));

const SLUG = "lead-actions";
const IDLE = { status: "idle" } as const;
const FORGED_NAMES = ["__proto__.polluted", "constructor.prototype.polluted", "a.__proto__.polluted"];

let tenant: TestTenant;
let leadId: string;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function ok<T>(state: ActionState<T>): T {
  if (state.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(state)}`);
  return state.data;
}

const polluted = () => ({}) as Record<string, unknown>;

beforeAll(async () => {
  tenant = await createTenant(SLUG);
  vi.mocked(currentAccount).mockResolvedValue(await loadAccount(tenant.admin.userId));
  const created = ok(
    await createLeadAction(
      SLUG,
      IDLE,
      form({ companyName: "Kantine Nord", city: "Hamburg", "contact.email": "kueche@nord.example" }),
    ),
  );
  if (created.kind !== "created") throw new Error("the lead should be new");
  leadId = created.id;
});

afterEach(() => {
  // Should the code under test pollute after all, the next test must not inherit it.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

/** Each lead form with valid fields, so only the forged field can be what the action refuses. */
const FORMS: [string, (data: FormData) => Promise<ActionState<unknown>>, Record<string, string>][] = [
  ["createLead", (d) => createLeadAction(SLUG, IDLE, d), { companyName: "Mensa Süd", city: "Köln" }],
  ["logActivity", (d) => logActivityAction(SLUG, leadId, IDLE, d), { kind: "NOTE", note: "Angerufen" }],
  ["createHold", (d) => createHoldAction(SLUG, leadId, IDLE, d), { reason: "OTHER" }],
  ["requestExtension", (d) => requestExtensionAction(SLUG, leadId, IDLE, d), { days: "5", reason: "x" }],
  [
    "decideExtension",
    (d) => decideExtensionAction(SLUG, "00000000-0000-4000-8000-000000000000", IDLE, d),
    { approve: "true", comment: "ok" },
  ],
  [
    "addCollaborator",
    (d) => addCollaboratorAction(SLUG, leadId, IDLE, d),
    { userId: "00000000-0000-4000-8000-000000000000", role: "VIEW" },
  ],
  [
    "backdate",
    (d) => backdateAction(SLUG, leadId, IDLE, d),
    { registeredAt: "2026-01-01T00:00:00Z", reason: "x" },
  ],
  [
    "reassign",
    (d) => reassignAction(SLUG, leadId, IDLE, d),
    { ownerUserId: "00000000-0000-4000-8000-000000000000" },
  ],
];

describe("a forged field name in a lead form", () => {
  it.each(
    FORMS.flatMap(([name, action, fields]) =>
      FORGED_NAMES.map((forged) => [name, forged, action, fields] as const),
    ),
  )("%s with %s is refused, and nothing else is touched", async (_name, forged, action, fields) => {
    const before = await asSuperuser(
      async (c) => (await c.query("SELECT count(*)::int AS n FROM audit_event")).rows[0].n,
    );
    const state = await action(form({ ...fields, [forged]: "yes" }));

    expect(state).toMatchObject({ status: "error", message: "forgedField" });
    // The form is filled again with what was typed, but the forged name is not sent back.
    expect(state.status === "error" && state.values).toEqual(fields);
    expect(polluted().polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const after = await asSuperuser(
      async (c) => (await c.query("SELECT count(*)::int AS n FROM audit_event")).rows[0].n,
    );
    expect(after).toBe(before);
  });

  it("leaves the process healthy: the health check and the next honest post still work", async () => {
    for (const forged of FORGED_NAMES) {
      await createLeadAction(SLUG, IDLE, form({ companyName: "Bistro Ost", city: "Leipzig", [forged]: "x" }));
    }
    expect(await checkHealth()).toMatchObject({ status: "ok", database: "up" });
    const honest = ok(
      await logActivityAction(
        SLUG,
        leadId,
        IDLE,
        form({ kind: "QUALIFIED_CALL", note: "Termin vereinbart" }),
      ),
    );
    expect(honest.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is answered only after the session check: a signed-out post learns nothing more", async () => {
    vi.mocked(currentAccount).mockResolvedValueOnce(null);
    const state = await createLeadAction(SLUG, IDLE, form({ "__proto__.polluted": "x" }));
    expect(state).toMatchObject({ status: "error", message: "signedOut" });
    expect(polluted().polluted).toBeUndefined();
  });
});

describe("dotted field names", () => {
  it("still nest into the API's shape (contact.email)", async () => {
    const created = ok(
      await createLeadAction(
        SLUG,
        IDLE,
        form({
          companyName: "Hotel West",
          city: "Bonn",
          "contact.firstName": "Ina",
          "contact.email": "ina@west.example",
        }),
      ),
    );
    if (created.kind !== "created") throw new Error("the lead should be new");
    const { rows } = await asSuperuser((c) =>
      c.query("SELECT contact_first_name, contact_email FROM lead WHERE id = $1", [created.id]),
    );
    expect(rows).toEqual([{ contact_first_name: "Ina", contact_email: "ina@west.example" }]);
  });
});
