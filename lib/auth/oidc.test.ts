import { describe, expect, it } from "vitest";

import { verifiedOidcEmail } from "./oidc";

describe("verifiedOidcEmail", () => {
  it("answers the email the provider has verified", () => {
    expect(verifiedOidcEmail({ sub: "1", email: "ada@example.com", email_verified: true })).toBe(
      "ada@example.com",
    );
  });

  it.each([
    ["not verified", { email: "ada@example.com", email_verified: false }],
    ["no email_verified claim", { email: "ada@example.com" }],
    ["email_verified as the string true", { email: "ada@example.com", email_verified: "true" }],
    ["email_verified as 1", { email: "ada@example.com", email_verified: 1 }],
    ["email_verified null", { email: "ada@example.com", email_verified: null }],
    ["verified but no email", { email_verified: true }],
    ["verified but an empty email", { email: "", email_verified: true }],
    ["verified but an email that is no string", { email: ["ada@example.com"], email_verified: true }],
    ["no profile", undefined],
    ["a null profile", null],
  ])("refuses %s", (_label, profile) => {
    expect(verifiedOidcEmail(profile)).toBeNull();
  });
});
