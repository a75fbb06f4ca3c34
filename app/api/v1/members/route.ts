import { listMembers } from "@/lib/auth/members";
import { listMembersApi } from "@/lib/auth/openapi";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listMembersApi, async ({ caller }) => {
  return Response.json({ items: await listMembers(caller.ctx) });
});
