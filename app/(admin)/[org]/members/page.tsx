import { MembersPanel } from "@/components/members/MembersPanel";
import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { listMembers } from "@/lib/auth/members";
import { requireOrgSession } from "@/lib/auth/session";

/** The organisation's members, for its admins; other members see why they cannot (AccessGate). */
export default async function MembersPage({ params }: PageProps<"/[org]/members">) {
  const session = await requireOrgSession((await params).org);
  return (
    <AreaPage area="members">
      <AccessGate session={session} action="member.read" resource="membership" messages="members">
        {async () => (
          <MembersPanel
            orgSlug={session.org.slug}
            selfId={session.account.id}
            initialMembers={await listMembers(session.ctx)}
          />
        )}
      </AccessGate>
    </AreaPage>
  );
}
