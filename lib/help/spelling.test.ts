import { describe, expect, it } from "vitest";

import { allowedEdits, closestWord, editDistance } from "./spelling";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps as one edit each", () => {
    expect(editDistance("kantine", "kantine")).toBe(0);
    expect(editDistance("kantiene", "kantine")).toBe(1); // insertion
    expect(editDistance("verlängerun", "verlängerung")).toBe(1); // deletion, umlaut as one letter
    expect(editDistance("pauze", "pause")).toBe(1); // substitution
    expect(editDistance("schutzfirst", "schutzfrist")).toBe(1); // swap
    expect(editDistance("invocie", "invoice")).toBe(1); // swap
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("gives up beyond the allowance", () => {
    expect(editDistance("auszahlen", "zahlen", 2)).toBe(Infinity);
    expect(editDistance("kitten", "sitting", 2)).toBe(Infinity);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
  });
});

describe("closestWord", () => {
  it("allows no edit up to two letters, one up to five, two beyond", () => {
    expect([1, 2, 3, 5, 6, 12].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(closestWord("ab", ["ac"])).toBeNull();
    expect(closestWord("pauze", ["pause"])).toBe("pause");
    expect(closestWord("pase", ["pause"])).toBe("pause");
    expect(closestWord("paus", ["pausen"])).toBeNull();
    expect(closestWord("colaborator", ["collaborators", "collaborator"])).toBe("collaborator");
  });

  it("never bends a word the articles do not hold into a different one", () => {
    expect(closestWord("auszahlen", ["zahlen", "bezahlen", "anzahl"])).toBeNull();
  });

  it("takes the fewest edits, the more similar candidate on a tie", () => {
    expect(closestWord("schutzfirst", ["schutzfristen", "schutzfrist"])).toBe("schutzfrist");
    expect(closestWord("kanne", ["kante", "kanne2"])).toBe("kante");
  });
});
