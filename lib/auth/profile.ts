import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { hashPassword, verifyPassword } from "./password";
import { ZChangeOwnPassword, ZUpdateProfile } from "./schemas";

/**
 * Every member's own account: their name, preferred language and password. The user changes only
 * their own row (RLS: app_user_update allows the user themselves), recorded in the organisation
 * they act in.
 */

export async function updateOwnProfile(ctx: MemberContext, raw: unknown): Promise<void> {
  const { name, locale } = ZUpdateProfile.parse(raw);
  await withOrg(ctx, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: ctx.userId },
      select: { name: true, locale: true },
    });
    if (before.name === name && before.locale === locale) return;
    await tx.user.update({ where: { id: ctx.userId }, data: { name, locale, updatedAt: new Date() } });
    // The name is personal data: the event says that it changed, not what it says.
    await recordAudit(tx, ctx, {
      action: "user.profile.changed",
      resourceType: "user",
      resourceId: ctx.userId,
      before: { locale: before.locale },
      after: { locale, nameChanged: before.name !== name },
    });
  });
}

/**
 * A new password, after the current one is proven. Like every new password it ends all of the
 * user's sessions (trigger on app_user), this one too: the user signs in with the new one.
 */
export async function changeOwnPassword(ctx: MemberContext, raw: unknown): Promise<void> {
  const { current, password } = ZChangeOwnPassword.parse(raw);
  const { passwordHash } = await withOrg(ctx, (tx) =>
    tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { passwordHash: true } }),
  );
  if (!passwordHash || !(await verifyPassword(passwordHash, current))) {
    throw new AppError("unprocessable", "The current password is wrong.", {
      fieldErrors: [{ path: "current", message: "wrong password", code: "members.account.wrongPassword" }],
    });
  }
  const next = await hashPassword(password);
  await withOrg(ctx, async (tx) => {
    await tx.user.update({ where: { id: ctx.userId }, data: { passwordHash: next, updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "user.password.changed",
      resourceType: "user",
      resourceId: ctx.userId,
    });
  });
}
