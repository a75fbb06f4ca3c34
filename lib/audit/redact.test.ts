import { describe, expect, it } from "vitest";

import { redact, REDACTED_PERSONAL, REDACTED_SECRET } from "./redact";

describe("redact", () => {
  it("hides secrets by the key's last word, at any depth", () => {
    expect(
      redact({
        token: "fpa_x",
        passwordHash: "h",
        nested: { clientSecret: "s", apiKey: "k" },
        list: [{ authorization: "Bearer x" }],
      }),
    ).toEqual({
      token: REDACTED_SECRET,
      passwordHash: REDACTED_SECRET,
      nested: { clientSecret: REDACTED_SECRET, apiKey: REDACTED_SECRET },
      list: [{ authorization: REDACTED_SECRET }],
    });
  });

  it("keeps harmless keys that merely mention a secret", () => {
    expect(redact({ tokenId: "t1", tokenPrefix: "fpa_ab", hashAlgorithm: "sha256" })).toEqual({
      tokenId: "t1",
      tokenPrefix: "fpa_ab",
      hashAlgorithm: "sha256",
    });
  });

  it("hides personal data wherever the word stands in the key", () => {
    expect(
      redact({
        email: "a@b.de",
        contactEmail: "c@d.de",
        contactLastName: "Müller",
        phone: "+49 30 1",
        iban: "DE89…",
      }),
    ).toEqual({
      email: REDACTED_PERSONAL,
      contactEmail: REDACTED_PERSONAL,
      contactLastName: REDACTED_PERSONAL,
      phone: REDACTED_PERSONAL,
      iban: REDACTED_PERSONAL,
    });
  });

  it("keeps business data, nulls, dates and big numbers readable", () => {
    const when = new Date("2026-06-01T00:00:00Z");
    expect(redact({ companyName: "Kantine Nord", city: "Kiel", endAt: null, at: when, count: 10n })).toEqual({
      companyName: "Kantine Nord",
      city: "Kiel",
      endAt: null,
      at: "2026-06-01T00:00:00.000Z",
      count: "10",
    });
  });
});
