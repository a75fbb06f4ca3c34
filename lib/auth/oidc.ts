/**
 * The email address an OIDC provider vouches for, or null. Sign-in matches accounts by email, so an
 * address the provider has not verified (anyone can type any address into many providers' sign-up
 * forms) must not open the account that holds it: only `email_verified: true` counts, not a missing
 * claim or the string "true". The caller refuses a null like an unknown account.
 */
export function verifiedOidcEmail(profile: Record<string, unknown> | null | undefined): string | null {
  const email = profile?.email;
  return typeof email === "string" && email !== "" && profile?.email_verified === true ? email : null;
}
