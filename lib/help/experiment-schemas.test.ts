import { describe, expect, it } from "vitest";

import { formFields, parseForm } from "@/lib/forms";
import { fieldText, fieldWords } from "@/lib/i18n/fieldText";

import { experimentForms, MAX_VARIANTS } from "./experiment-schemas";

const ARTICLE = "6f1c1a52-8d4e-4f5b-9a3c-2b7d9e0f1a23";

function form(variants: { label: string; title: string; bodyMd: string }[]) {
  const data = new FormData();
  data.append("articleId", ARTICLE);
  data.append("name", "Kürzer");
  data.append("days", "14");
  data.append("minExposuresPerArm", "200");
  variants.forEach((v, i) => {
    for (const [part, value] of Object.entries(v)) data.append(`variants.${i}.${part}`, value);
  });
  return data;
}

const parse = (data: FormData, locale: "de" | "en" = "de") =>
  parseForm(experimentForms.create, formFields(data), (why, path) =>
    fieldText(fieldWords(locale), why, path),
  );

describe("the A/B test form", () => {
  it("reads its variants in their order, each with label, title and body", () => {
    const parsed = parse(
      form([
        { label: "B", title: "Kurz", bodyMd: "Sechs Monate." },
        { label: "C", title: "Mit Beispiel", bodyMd: "Sechs Monate, etwa …" },
      ]),
    );
    expect(parsed).toMatchObject({
      ok: true,
      data: {
        variants: [
          { label: "B", title: "Kurz", bodyMd: "Sechs Monate." },
          { label: "C", title: "Mit Beispiel", bodyMd: "Sechs Monate, etwa …" },
        ],
      },
    });
  });

  it("names the field of the variant that is missing its text, in the reader's language", () => {
    const data = form([
      { label: "B", title: "Kurz", bodyMd: "Sechs Monate." },
      { label: "C", title: "", bodyMd: "" },
    ]);
    expect(parse(data)).toMatchObject({
      ok: false,
      fieldErrors: { "variants.1.title": "Bitte ausfüllen.", "variants.1.bodyMd": "Bitte ausfüllen." },
    });
    expect(parse(data, "en")).toMatchObject({
      ok: false,
      fieldErrors: {
        "variants.1.title": "Please fill this in.",
        "variants.1.bodyMd": "Please fill this in.",
      },
    });
  });

  it(`takes one to ${MAX_VARIANTS} variants`, () => {
    const variant = (i: number) => ({ label: String.fromCharCode(66 + i), title: `T${i}`, bodyMd: "x" });
    expect(parse(form([])).ok).toBe(false);
    expect(parse(form([0, 1, 2, 3].map(variant))).ok).toBe(true);
    expect(parse(form([0, 1, 2, 3, 4].map(variant))).ok).toBe(false);
  });
});
