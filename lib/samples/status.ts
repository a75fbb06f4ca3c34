import type { TBoxStatus } from "./schemas";

/**
 * A sample box's legal moves: CONFIGURED → SHIPPED → DELIVERED → IN_TEST → FEEDBACK → DECIDED, and
 * CANCELLED from any state before DECIDED. DECIDED and CANCELLED are final. A box whose test phase
 * was answered before anyone marked it IN_TEST may go from DELIVERED straight to FEEDBACK.
 */
export const NEXT_STATUSES: Record<TBoxStatus, readonly TBoxStatus[]> = {
  CONFIGURED: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED", "CANCELLED"],
  DELIVERED: ["IN_TEST", "FEEDBACK", "CANCELLED"],
  IN_TEST: ["FEEDBACK", "CANCELLED"],
  FEEDBACK: ["DECIDED", "CANCELLED"],
  DECIDED: [],
  CANCELLED: [],
};

export function isLegalMove(from: TBoxStatus, to: TBoxStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}
