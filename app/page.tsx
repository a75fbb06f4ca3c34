import { redirect } from "next/navigation";

import { requireAccount } from "@/lib/auth/session";

/** The start page is the first organisation the user belongs to. */
export default async function Home() {
  const account = await requireAccount();
  redirect(`/${account.memberships[0].slug}`);
}
