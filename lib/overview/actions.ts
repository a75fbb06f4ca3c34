"use server";

import { idOf, orgAction, type ActionState } from "@/lib/http/action";

import { ZNothing } from "./schemas";
import { markAllNotificationsRead, markNotificationRead } from "./service";

/**
 * The inbox's mutations, as server actions: orgAction re-checks the session and membership, the
 * service marks only the caller's own rows (another member's is not found). Reads are the GET routes.
 */

type Marked = ActionState<{ marked: number }>;

export async function markNotificationReadAction(orgSlug: string, id: string): Promise<Marked> {
  return orgAction(orgSlug, ZNothing, {}, (session) => markNotificationRead(session.ctx, idOf(id)));
}

export async function markAllNotificationsReadAction(orgSlug: string): Promise<Marked> {
  return orgAction(orgSlug, ZNothing, {}, (session) => markAllNotificationsRead(session.ctx));
}
