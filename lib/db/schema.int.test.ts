import { readFileSync } from "node:fs";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";
import {
  compareWithCatalogue,
  compareWithRuntimeModel,
  parsePrismaSchema,
  readCatalogue,
  readRuntimeDataModel,
  type CatalogueColumn,
  type PrismaSchema,
} from "@/test/schema-mirror";

// prisma/schema.prisma mirrors the tables of sql/migrations for the typed client. This file proves
// the mirror, the generated client and the migrated database agree, column by column.

const root = path.resolve(import.meta.dirname, "../..");
const schema = parsePrismaSchema(readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
const runtime = readRuntimeDataModel(path.join(root, "lib/db/generated/internal/class.ts"));

let catalogue: { tables: string[]; columns: CatalogueColumn[] };

beforeAll(async () => {
  catalogue = await asSuperuser((client) => readCatalogue(client));
});

/** Fails with one line per difference. */
function expectNoDifferences(differences: string[]) {
  expect(differences, `\n  ${differences.join("\n  ")}\n`).toEqual([]);
}

describe("schema.prisma mirrors the migrated database", () => {
  it("reads something on both sides", () => {
    expect(schema.models.length).toBeGreaterThanOrEqual(5);
    expect(catalogue.tables).toContain("organization");
    expect(catalogue.tables).not.toContain("schema_migrations");
  });

  it("and the generated client was generated from this schema.prisma", () => {
    expectNoDifferences(compareWithRuntimeModel(schema, runtime));
  });

  it("has a model for every table, a field for every column, with the same nullability and type", () => {
    expectNoDifferences(compareWithCatalogue(schema, catalogue));
  });

  it("would fail for a deliberately altered model", () => {
    const altered: PrismaSchema = structuredClone(schema);
    const user = altered.models.find((m) => m.table === "app_user");
    const token = altered.models.find((m) => m.table === "api_token");
    if (!user || !token) throw new Error("the schema has no app_user / api_token model");
    user.fields.find((f) => f.column === "password_hash")!.optional = false;
    user.fields.find((f) => f.column === "active")!.type = "Int";
    user.fields.push({ name: "nickname", type: "String", column: "nickname", optional: true, list: false });
    token.fields = token.fields.filter((f) => f.column !== "revoked_at");
    altered.models = altered.models.filter((m) => m.table !== "rate_limit_bucket");

    // Only the differences the alteration made (a real one fails the test above, not this one too).
    const baseline = new Set(compareWithCatalogue(schema, catalogue));
    expect(compareWithCatalogue(altered, catalogue).filter((d) => !baseline.has(d))).toEqual([
      `table rate_limit_bucket: no model in schema.prisma maps to it (add a model with @@map("rate_limit_bucket"))`,
      "User.passwordHash → app_user.password_hash: the column is nullable, the field is required",
      "User.active → app_user.active: the column is boolean, the field is Int (expects integer)",
      "User.nickname → app_user.nickname: no such column in the database",
      "api_token.revoked_at (timestamp with time zone): no field of model ApiToken maps to it",
    ]);
  });

  it("would fail for a client generated from another schema", () => {
    const altered: PrismaSchema = structuredClone(schema);
    altered.models.find((m) => m.table === "membership")!.fields.find((f) => f.name === "role")!.column =
      "role_name";
    const baseline = new Set(compareWithRuntimeModel(schema, runtime));
    expect(compareWithRuntimeModel(altered, runtime).filter((d) => !baseline.has(d))).toEqual([
      `Membership.role: String "role_name" in schema.prisma, String "role" in the generated client (run \`npm run db:generate\`)`,
    ]);
  });
});
