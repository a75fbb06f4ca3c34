import { describe, expect, it } from "vitest";
import { z } from "zod";

import { decimal, formFields, formInput, parseForm, type FieldCode } from "./forms";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe("decimal", () => {
  it("reads a number typed the German or the English way; anything else stays text", () => {
    expect(decimal("0,55")).toBe(0.55);
    expect(decimal("0.55")).toBe(0.55);
    expect(decimal("1.234,5")).toBe(1234.5);
    expect(decimal("1,234.5")).toBe(1234.5);
    expect(decimal(" -2 ")).toBe(-2);
    expect(decimal("abc")).toBe("abc");
    expect(decimal("1,2,x")).toBe("1,2,x");
  });
});

describe("formInput", () => {
  const schema = formInput(
    z.strictObject({
      name: z.string(),
      contact: z.strictObject({ email: z.string() }).optional(),
      days: z.number().int().optional(),
      approve: z.boolean().optional(),
      note: z.string().optional(),
    }),
    { days: "number", approve: "boolean" },
  );

  it("nests dotted names, converts the named kinds and leaves empty fields out", () => {
    const fields = formFields(
      form([
        ["name", "Mensa"],
        ["contact.email", "a@b.de"],
        ["days", "12"],
        ["approve", "false"],
        ["note", ""],
        ["$ACTION_ID_x", "1"],
      ]),
    );
    expect(schema.parse(fields)).toEqual({
      name: "Mensa",
      contact: { email: "a@b.de" },
      days: 12,
      approve: false,
    });
  });

  it("builds null-prototype objects at every level", () => {
    const seen: unknown[] = [];
    const spy = formInput(
      z.unknown().transform((v) => {
        seen.push(v);
        return v;
      }),
    );
    spy.parse(formFields(form([["contact.email", "x"]])));
    const out = seen[0] as { contact: object };
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getPrototypeOf(out.contact)).toBeNull();
  });

  it("refuses a name with a __proto__, constructor or prototype segment instead of cleaning it", () => {
    for (const name of ["__proto__.polluted", "contact.constructor", "prototype"]) {
      expect(formFields(form([[name, "1"]]))).toBeUndefined();
      // Even handed a plain object that slipped past formFields, the input is invalid.
      const raw = Object.create(null) as Record<string, string>;
      raw.name = "Mensa";
      raw[name] = "1";
      expect(schema.safeParse(raw).success).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseForm", () => {
  const schema = formInput(z.strictObject({ name: z.string().min(2), days: z.number().min(1).max(365) }), {
    days: "number",
  });
  const say = (why: FieldCode, path: string) => `${path}:${JSON.stringify(why)}`;
  const parse = (fields: [string, string][]) => parseForm(schema, formFields(form(fields)), say);

  it("gives each refused field its code and the words `say` has for it, never zod's message", () => {
    const failed = parse([["days", "400"]]);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.fieldCodes).toEqual({
      name: { code: "required" },
      days: { code: "max", value: 365, of: "number" },
    });
    expect(failed.fieldErrors.name).toBe('name:{"code":"required"}');
    const other = parse([
      ["name", "x"],
      ["days", "abc"],
    ]);
    expect(other.ok || other.fieldCodes).toEqual({
      name: { code: "min", value: 2, of: "text" },
      days: { code: "number" },
    });
  });

  it("tells an exclusive bound, a choice, a format and a schema's own named check", () => {
    const codes = (s: z.ZodType, input: unknown) => {
      const parsed = parseForm(s, input, say);
      return parsed.ok ? null : parsed.fieldCodes._;
    };
    expect(codes(z.number().gt(0), 0)).toEqual({ code: "min", value: 0, of: "number", exclusive: true });
    expect(codes(z.enum(["a", "b"]), "c")).toEqual({ code: "choice" });
    expect(codes(z.email(), "nope")).toEqual({ code: "format" });
    expect(codes(z.string().min(1), "")).toEqual({ code: "required" });
    expect(codes(z.array(z.string()).max(1), ["a", "b"])).toEqual({ code: "max", value: 1, of: "list" });
    const named = z.string().refine((v) => v === "x", { message: "English", params: { i18n: "mine" } });
    expect(codes(named, "y")).toEqual({ code: "custom", key: "mine" });
    expect(
      codes(
        z.string().refine((v) => v === "x"),
        "y",
      ),
    ).toEqual({ code: "other" });
  });

  it("answers the parsed input when the form is valid", () => {
    expect(
      parse([
        ["name", "Mensa"],
        ["days", "7,0"],
      ]),
    ).toEqual({ ok: true, data: { name: "Mensa", days: 7 } });
  });
});
