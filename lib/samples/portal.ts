import "server-only";

import { AppError } from "@/lib/errors";

import type { FeedbackDraft, FeedbackSubmission, PortalView } from "./schemas";

// Placeholder with the contract's signatures until samples-core lands its implementation.
export async function openFeedbackLink(_token: string): Promise<PortalView> {
  throw new AppError("not_found", "No such feedback link.");
}
export async function saveFeedbackDraft(_token: string, _draft: FeedbackDraft): Promise<PortalView> {
  throw new AppError("not_found", "No such feedback link.");
}
export async function submitFeedback(
  _token: string,
  _input: FeedbackSubmission,
): Promise<{ submittedAt: string }> {
  throw new AppError("not_found", "No such feedback link.");
}
