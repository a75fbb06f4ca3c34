import { loadAccount } from "@/lib/auth/account";
import { getMeApi } from "@/lib/auth/openapi";
import { apiRoute } from "@/lib/http/api";
import { AppError } from "@/lib/errors";

export const GET = apiRoute(getMeApi, async ({ caller }) => {
  const account = await loadAccount(caller.userId);
  if (!account) throw new AppError("unauthorized", "The account is no longer active.");
  return Response.json({
    user: { id: account.id, name: account.name, email: account.email, locale: account.locale },
    org: { id: caller.orgId, slug: caller.orgSlug },
    role: caller.role,
    authenticatedVia: caller.via,
  });
});
