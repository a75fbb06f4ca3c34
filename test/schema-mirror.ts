/**
 * prisma/schema.prisma mirrors the tables that sql/migrations define. These helpers read the mirror
 * (the schema file and the generated client's data model) and the database catalogue, and list
 * every difference in words, so a failing test says what to change.
 */
import { readFileSync } from "node:fs";

import type pg from "pg";

export interface PrismaField {
  name: string;
  /** Prisma type: String, Int, DateTime, … or an enum's name. */
  type: string;
  /** The database column: @map, or the field name. */
  column: string;
  optional: boolean;
  list: boolean;
  /** @db.X without arguments (Uuid, Timestamptz, VarChar, …), if any. */
  nativeType?: string;
}

export interface PrismaModel {
  name: string;
  /** The table: @@map, or the model name. */
  table: string;
  /** Scalar and enum fields; relation fields are left out (they have no column). */
  fields: PrismaField[];
}

export interface PrismaSchema {
  models: PrismaModel[];
  /** Enum name → database type name (@@map, or the enum name). */
  enums: Record<string, string>;
}

const BLOCK = /^\s*(model|enum|view|type)\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm;

function stripComments(text: string): string {
  // Removes // and /// comments, leaving string literals (which never contain "//" here) alone.
  return text
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"' && line[i - 1] !== "\\") inString = !inString;
        if (!inString && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

const mapArgument = (attributes: string, attribute: "@map" | "@@map"): string | undefined =>
  new RegExp(`${attribute}\\(\\s*(?:name\\s*:\\s*)?"([^"]+)"`).exec(attributes)?.[1];

/** Parses the models and enums of a Prisma schema (what this project's mirror uses of the language). */
export function parsePrismaSchema(source: string): PrismaSchema {
  const text = stripComments(source);
  const blocks = [...text.matchAll(BLOCK)].map((m) => ({ kind: m[1], name: m[2], body: m[3] }));
  const modelNames = new Set(blocks.filter((b) => b.kind === "model").map((b) => b.name));
  const enums: Record<string, string> = {};
  for (const block of blocks.filter((b) => b.kind === "enum")) {
    enums[block.name] = mapArgument(block.body, "@@map") ?? block.name;
  }

  const models = blocks
    .filter((b) => b.kind === "model")
    .map((block): PrismaModel => {
      const fields: PrismaField[] = [];
      for (const raw of block.body.split("\n")) {
        const line = raw.trim();
        if (!line || line.startsWith("@@")) continue;
        const match = /^(\w+)\s+(\w+(?:\([^)]*\))?)(\[\])?(\?)?\s*(.*)$/.exec(line);
        if (!match) throw new Error(`model ${block.name}: cannot read the line "${line}"`);
        const [, name, type, list, optional, attributes] = match;
        if (modelNames.has(type) || /@relation\b/.test(attributes)) continue; // a relation, no column
        fields.push({
          name,
          type,
          column: mapArgument(attributes, "@map") ?? name,
          optional: Boolean(optional),
          list: Boolean(list),
          nativeType: /@db\.(\w+)/.exec(attributes)?.[1],
        });
      }
      return { name: block.name, table: mapArgument(block.body, "@@map") ?? block.name, fields };
    });
  return { models, enums };
}

/** The generated client's own view of the models: `config.runtimeDataModel` in internal/class.ts. */
export interface RuntimeDataModel {
  models: Record<
    string,
    { dbName: string | null; fields: { name: string; kind: string; type: string; dbName?: string }[] }
  >;
  enums: Record<string, { values: { name: string; dbName: string | null }[]; dbName?: string | null }>;
}

export function readRuntimeDataModel(classFile: string): RuntimeDataModel {
  const source = readFileSync(classFile, "utf8");
  const literal = /config\.runtimeDataModel\s*=\s*JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
  if (!literal)
    throw new Error(
      `${classFile}: no "config.runtimeDataModel = JSON.parse(…)" (has the Prisma generator changed?)`,
    );
  return JSON.parse(JSON.parse(literal) as string) as RuntimeDataModel;
}

/** Differences between the parsed schema and the generated client: empty when the client is current. */
export function compareWithRuntimeModel(schema: PrismaSchema, runtime: RuntimeDataModel): string[] {
  const problems: string[] = [];
  const hint = " (run `npm run db:generate`)";
  const runtimeNames = Object.keys(runtime.models);
  for (const name of runtimeNames.filter((n) => !schema.models.some((m) => m.name === n))) {
    problems.push(`generated client has model ${name}, schema.prisma does not${hint}`);
  }
  for (const model of schema.models) {
    const generated = runtime.models[model.name];
    if (!generated) {
      problems.push(`schema.prisma has model ${model.name}, the generated client does not${hint}`);
      continue;
    }
    if ((generated.dbName ?? model.name) !== model.table) {
      problems.push(
        `model ${model.name}: table "${model.table}" in schema.prisma, "${generated.dbName}" in the generated client${hint}`,
      );
    }
    const scalars = generated.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const field of scalars.filter((f) => !model.fields.some((m) => m.name === f.name))) {
      problems.push(`model ${model.name}: field ${field.name} only in the generated client${hint}`);
    }
    // An Unsupported("…") field has no place in the client (Prisma leaves it out); the catalogue
    // comparison still checks its column.
    for (const field of model.fields.filter((f) => !f.type.startsWith("Unsupported("))) {
      const g = scalars.find((f) => f.name === field.name);
      if (!g) problems.push(`model ${model.name}: field ${field.name} only in schema.prisma${hint}`);
      else if (g.type !== field.type || (g.dbName ?? g.name) !== field.column) {
        problems.push(
          `${model.name}.${field.name}: ${field.type} "${field.column}" in schema.prisma, ${g.type} "${g.dbName ?? g.name}" in the generated client${hint}`,
        );
      }
    }
  }
  return problems;
}

export interface CatalogueColumn {
  table: string;
  column: string;
  /** format_type(atttypid, NULL): "text", "uuid", "timestamp with time zone", "text[]", … */
  type: string;
  nullable: boolean;
}

/** Tables and columns of the public schema, from pg_catalog. */
export async function readCatalogue(
  client: pg.Client,
  ignoreTables: readonly string[] = ["schema_migrations"],
) {
  const { rows: tables } = await client.query<{ table: string }>(
    `SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL($1::text[])
     ORDER BY 1`,
    [ignoreTables],
  );
  const { rows: columns } = await client.query<CatalogueColumn>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, NULL) AS "type",
            NOT a.attnotnull AS "nullable"
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL($1::text[])
     ORDER BY 1, a.attnum`,
    [ignoreTables],
  );
  return { tables: tables.map((t) => t.table), columns };
}

/** The PostgreSQL types a Prisma field may map to. */
export function expectedColumnTypes(field: PrismaField, enums: Record<string, string>): string[] {
  const byNative: Record<string, string> = {
    Uuid: "uuid",
    Text: "text",
    VarChar: "character varying",
    Char: "character",
    Citext: "citext",
    Inet: "inet",
    Timestamptz: "timestamp with time zone",
    Timestamp: "timestamp without time zone",
    Date: "date",
    Time: "time without time zone",
    Timetz: "time with time zone",
    SmallInt: "smallint",
    Integer: "integer",
    Oid: "oid",
    BigInt: "bigint",
    Real: "real",
    DoublePrecision: "double precision",
    Decimal: "numeric",
    Money: "money",
    Json: "json",
    JsonB: "jsonb",
    Boolean: "boolean",
    ByteA: "bytea",
    Xml: "xml",
  };
  const byType: Record<string, string> = {
    String: "text",
    DateTime: "timestamp without time zone", // Prisma's default: timestamp(3)
    Boolean: "boolean",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric",
    Json: "jsonb",
    Bytes: "bytea",
  };
  let base: string | undefined;
  const unsupported = /^Unsupported\("([^"]+)"\)$/.exec(field.type);
  if (unsupported) base = unsupported[1];
  else if (field.nativeType) base = byNative[field.nativeType];
  else if (enums[field.type]) base = enums[field.type];
  else base = byType[field.type];
  if (!base) return [];
  // format_type quotes enum names that need it; compare unquoted.
  return [field.list ? `${base}[]` : base];
}

function describeType(field: PrismaField): string {
  return `${field.type}${field.list ? "[]" : ""}${field.nativeType ? ` @db.${field.nativeType}` : ""}`;
}

/** Every difference between the mirror and the database, one readable line each. */
export function compareWithCatalogue(
  schema: PrismaSchema,
  catalogue: { tables: string[]; columns: CatalogueColumn[] },
): string[] {
  const problems: string[] = [];
  const modelByTable = new Map(schema.models.map((m) => [m.table, m]));

  for (const table of catalogue.tables.filter((t) => !modelByTable.has(t))) {
    problems.push(
      `table ${table}: no model in schema.prisma maps to it (add a model with @@map("${table}"))`,
    );
  }
  for (const model of schema.models) {
    if (!catalogue.tables.includes(model.table)) {
      problems.push(`model ${model.name}: table ${model.table} does not exist in the database`);
      continue;
    }
    const columns = catalogue.columns.filter((c) => c.table === model.table);
    for (const column of columns.filter((c) => !model.fields.some((f) => f.column === c.column))) {
      problems.push(
        `${model.table}.${column.column} (${column.type}): no field of model ${model.name} maps to it`,
      );
    }
    for (const field of model.fields) {
      const where = `${model.name}.${field.name} → ${model.table}.${field.column}`;
      const column = columns.find((c) => c.column === field.column);
      if (!column) {
        problems.push(`${where}: no such column in the database`);
        continue;
      }
      if (column.nullable !== field.optional) {
        problems.push(
          `${where}: the column is ${column.nullable ? "nullable" : "NOT NULL"}, the field is ${field.optional ? "optional (?)" : "required"}`,
        );
      }
      const expected = expectedColumnTypes(field, schema.enums);
      if (!expected.includes(column.type.replaceAll('"', ""))) {
        problems.push(
          `${where}: the column is ${column.type}, the field is ${describeType(field)}` +
            (expected.length ? ` (expects ${expected.join(" or ")})` : " (unknown Prisma type)"),
        );
      }
    }
  }
  return problems;
}
