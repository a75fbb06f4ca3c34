import { loadAccount } from "@/lib/auth/account";
import { apiRoute, ZNoParams } from "@/lib/http/api";
import { AppError } from "@/lib/http/errors";

/** The caller: who they are, in which organisation, with which role, authenticated how. */
export const GET = apiRoute(ZNoParams, async (_request, { caller }) => {
  const account = await loadAccount(caller.userId);
  if (!account) throw new AppError("unauthorized", "The account is no longer active.");
  return Response.json({
    user: { id: account.id, name: account.name, email: account.email, locale: account.locale },
    org: { id: caller.orgId, slug: caller.orgSlug },
    role: caller.role,
    authenticatedVia: caller.via,
  });
});
