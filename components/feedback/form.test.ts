import { describe, expect, it } from "vitest";

import { draftFromFields, fieldReader, submissionFromDraft } from "./form";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return fieldReader(data);
}

describe("the feedback form", () => {
  it("reads every product in order, with its rating, comment and reorder box", () => {
    const draft = draftFromFields(
      form([
        ["items.0.sku", "A-1"],
        ["items.0.rating", "4"],
        ["items.0.comment", "  schön knackig "],
        ["items.0.wouldReorder", "on"],
        ["items.1.sku", "B-2"],
        ["contact.name", " Jana Koch "],
        ["contact.role", "CHEF"],
      ]),
    );
    expect(draft).toEqual({
      contact: { name: "Jana Koch", role: "CHEF" },
      items: [
        { sku: "A-1", rating: 4, comment: "schön knackig", wouldReorder: true },
        { sku: "B-2", wouldReorder: false },
      ],
    });
  });

  it("leaves out a rating outside 1–5 and a role that is none", () => {
    const draft = draftFromFields(
      form([
        ["items.0.sku", "A-1"],
        ["items.0.rating", "6"],
        ["contact.role", "BOSS"],
      ]),
    );
    expect(draft).toEqual({ contact: {}, items: [{ sku: "A-1", wouldReorder: false }] });
  });

  it("asks for the rating of a product that has a comment or a tick, instead of dropping them", () => {
    expect(
      submissionFromDraft({
        contact: { name: "Jana", role: "CHEF" },
        items: [
          { sku: "A-1", rating: 4 },
          { sku: "B-2", comment: "zu süß", wouldReorder: false },
          { sku: "C-3", wouldReorder: true },
          { sku: "D-4", wouldReorder: false },
        ],
      }),
    ).toEqual({ ok: false, missing: ["items.1", "items.2"] });
  });

  it("submits only rated products, and names what is missing otherwise", () => {
    expect(submissionFromDraft({ items: [{ sku: "A-1" }] })).toEqual({
      ok: false,
      missing: ["contact.name", "contact.role", "items"],
    });
    expect(
      submissionFromDraft({
        contact: { name: "Jana", role: "BUYER" },
        items: [{ sku: "A-1", rating: 2, wouldReorder: false }, { sku: "B-2" }],
      }),
    ).toEqual({
      ok: true,
      submission: {
        contact: { name: "Jana", role: "BUYER" },
        items: [{ sku: "A-1", rating: 2, wouldReorder: false }],
      },
    });
  });
});
