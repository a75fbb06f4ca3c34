import { describe, expect, it } from "vitest";

import {
  compareWithCatalogue,
  compareWithRuntimeModel,
  parsePrismaSchema,
  type RuntimeDataModel,
} from "./schema-mirror";

// The comparison itself, without a database: it must read what the mirror uses of the Prisma
// language, and it must report each kind of difference (a check that cannot fail proves nothing).

const SCHEMA = `
generator client {
  provider = "prisma-client"
}

/// A team
model Team {
  id        String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  name      String   // the display name
  tags      String[]
  budget    Decimal? @db.Decimal(12, 2)
  score     Float
  settings  Json     @default("{}")
  big       BigInt   @map("big_number")
  status    Status   @default(active)
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(6)
  members   Member[]

  @@map("team")
}

model Member {
  teamId String @map("team_id") @db.Uuid
  n      Int
  team   Team   @relation(fields: [teamId], references: [id])

  @@id([teamId, n])
  @@index([teamId], map: "member_team_idx")
}

enum Status {
  active
  archived

  @@map("team_status")
}
`;

const CATALOGUE = {
  tables: ["Member", "team"],
  columns: [
    { table: "team", column: "id", type: "uuid", nullable: false },
    { table: "team", column: "name", type: "text", nullable: false },
    { table: "team", column: "tags", type: "text[]", nullable: false },
    { table: "team", column: "budget", type: "numeric", nullable: true },
    { table: "team", column: "score", type: "double precision", nullable: false },
    { table: "team", column: "settings", type: "jsonb", nullable: false },
    { table: "team", column: "big_number", type: "bigint", nullable: false },
    { table: "team", column: "status", type: "team_status", nullable: false },
    { table: "team", column: "created_at", type: "timestamp with time zone", nullable: false },
    { table: "Member", column: "team_id", type: "uuid", nullable: false },
    { table: "Member", column: "n", type: "integer", nullable: false },
  ],
};

describe("parsePrismaSchema", () => {
  const schema = parsePrismaSchema(SCHEMA);

  it("reads models, @@map, @map, optional, lists, @db and skips relations and comments", () => {
    expect(schema.enums).toEqual({ Status: "team_status" });
    expect(schema.models.map((m) => [m.name, m.table])).toEqual([
      ["Team", "team"],
      ["Member", "Member"],
    ]);
    const team = schema.models[0];
    expect(team.fields.map((f) => f.name)).toEqual([
      "id",
      "name",
      "tags",
      "budget",
      "score",
      "settings",
      "big",
      "status",
      "createdAt",
    ]);
    expect(team.fields.find((f) => f.name === "id")).toEqual({
      name: "id",
      type: "String",
      column: "id",
      optional: false,
      list: false,
      nativeType: "Uuid",
    });
    expect(team.fields.find((f) => f.name === "budget")).toMatchObject({
      optional: true,
      nativeType: "Decimal",
    });
    expect(team.fields.find((f) => f.name === "tags")).toMatchObject({ list: true, optional: false });
    expect(team.fields.find((f) => f.name === "createdAt")).toMatchObject({
      column: "created_at",
      nativeType: "Timestamptz",
    });
    expect(schema.models[1].fields.map((f) => f.column)).toEqual(["team_id", "n"]);
  });

  it("matches a catalogue that agrees", () => {
    expect(compareWithCatalogue(schema, CATALOGUE)).toEqual([]);
  });
});

describe("compareWithCatalogue reports", () => {
  const altered = (edit: (text: string) => string) =>
    compareWithCatalogue(parsePrismaSchema(edit(SCHEMA)), CATALOGUE);

  it("a field made optional that is NOT NULL in the database", () => {
    expect(altered((s) => s.replace("name      String ", "name      String?"))).toEqual([
      "Team.name → team.name: the column is NOT NULL, the field is optional (?)",
    ]);
  });

  it("a required field over a nullable column", () => {
    expect(altered((s) => s.replace("Decimal? @db.Decimal", "Decimal  @db.Decimal"))).toEqual([
      "Team.budget → team.budget: the column is nullable, the field is required",
    ]);
  });

  it("an incompatible type", () => {
    expect(altered((s) => s.replace("score     Float", "score     Int  "))).toEqual([
      "Team.score → team.score: the column is double precision, the field is Int (expects integer)",
    ]);
    expect(altered((s) => s.replace(`@map("created_at") @db.Timestamptz(6)`, `@map("created_at")`))).toEqual([
      "Team.createdAt → team.created_at: the column is timestamp with time zone, the field is DateTime (expects timestamp without time zone)",
    ]);
    expect(
      altered((s) => s.replace(`teamId String @map("team_id") @db.Uuid`, `teamId String @map("team_id")`)),
    ).toEqual(["Member.teamId → Member.team_id: the column is uuid, the field is String (expects text)"]);
  });

  it("a column without a field and a field without a column", () => {
    expect(altered((s) => s.replace(`@map("big_number")`, `@map("big_num")`))).toEqual([
      "team.big_number (bigint): no field of model Team maps to it",
      "Team.big → team.big_num: no such column in the database",
    ]);
  });

  it("a table without a model and a model without a table", () => {
    expect(altered((s) => s.replace(`@@map("team")`, `@@map("teams")`))).toEqual([
      `table team: no model in schema.prisma maps to it (add a model with @@map("team"))`,
      "model Team: table teams does not exist in the database",
    ]);
  });
});

describe("compareWithRuntimeModel", () => {
  const schema = parsePrismaSchema(SCHEMA);
  const runtime: RuntimeDataModel = {
    enums: {},
    models: {
      Team: {
        dbName: "team",
        fields: [
          ...schema.models[0].fields.map((f) => ({
            name: f.name,
            kind: f.type === "Status" ? "enum" : "scalar",
            type: f.type,
            ...(f.column !== f.name ? { dbName: f.column } : {}),
          })),
          { name: "members", kind: "object", type: "Member" },
        ],
      },
      Member: {
        dbName: null,
        fields: [
          { name: "teamId", kind: "scalar", type: "String", dbName: "team_id" },
          { name: "n", kind: "scalar", type: "Int" },
          { name: "team", kind: "object", type: "Team" },
        ],
      },
    },
  };

  it("agrees with a client generated from the same schema", () => {
    expect(compareWithRuntimeModel(schema, runtime)).toEqual([]);
  });

  it("notices a client generated from an older schema", () => {
    const stale = parsePrismaSchema(SCHEMA.replace("  n      Int\n", "  n      Int\n  extra  String\n"));
    expect(compareWithRuntimeModel(stale, runtime)).toEqual([
      "model Member: field extra only in schema.prisma (run `npm run db:generate`)",
    ]);
  });
});
