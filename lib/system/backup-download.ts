import "server-only";

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import { recordAudit } from "@/lib/audit/service";
import { verifyPassword } from "@/lib/auth/password";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { backupDir } from "./backup";
import { ZBackupDownload } from "./schemas";

/**
 * A backup's file for the operator's admins (backup.download), after they typed their password
 * again (step-up: a signed-in browser left open is not enough for every organisation's data).
 * Audited before the first byte leaves. Answers the file as a stream, never held in memory.
 */
export async function openBackupDownload(
  ctx: MemberContext,
  backupId: string,
  raw: unknown,
): Promise<{ fileName: string; sizeBytes: number; sha256: string; body: ReadableStream<Uint8Array> }> {
  authorize(ctx, "backup.download", { type: "backup", orgId: ctx.orgId });
  const parsed = ZBackupDownload.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "The password is required.");
  const { user, backup } = await withOrg(ctx, async (tx) => ({
    user: await tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { passwordHash: true } }),
    backup: /^[0-9a-f-]{36}$/i.test(backupId)
      ? await tx.backupRun.findUnique({ where: { id: backupId } })
      : null,
  }));
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
    throw new AppError("unprocessable", "The password is wrong.", {
      fieldErrors: [{ path: "password", message: "wrong password", code: "members.account.wrongPassword" }],
    });
  }
  if (!backup || backup.status !== "succeeded" || backup.prunedAt || !backup.fileName || !backup.sha256) {
    throw new AppError("not_found", "No such backup file.");
  }
  const file = path.join(backupDir(), backup.fileName);
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError("not_found", "The backup's file is not in BACKUP_DIR.");
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "system.backup.downloaded",
      resourceType: "backup",
      resourceId: backup.id,
      after: { fileName: backup.fileName, sizeBytes: size, sha256: backup.sha256 },
    }),
  );
  return {
    fileName: backup.fileName,
    sizeBytes: size,
    sha256: backup.sha256,
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
  };
}
