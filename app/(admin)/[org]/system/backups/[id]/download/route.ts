import { readJsonBody } from "@/lib/http/body";
import { orgRoute } from "@/lib/http/org-route";
import { openBackupDownload } from "@/lib/system/backup-download";

/**
 * A backup's dump file, for the operator's admins after they typed their password again (POST
 * `{"password": "…"}`). `orgRoute` checks the session (401) and the membership (404); the service
 * checks backup.download (403) and the password (422), audits, and streams the file.
 */
export const POST = orgRoute<{ org: string; id: string }>(async ({ request, params, ctx }) => {
  const download = await openBackupDownload(ctx, params.id, await readJsonBody(request));
  return new Response(download.body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(download.sizeBytes),
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "x-backup-sha256": download.sha256,
    },
  });
});
