import { feedbackFormPost } from "@/components/feedback/post";

/** "Send" of the feedback form without JavaScript: submits, 303 to the thank-you page (or back with what is missing). */
export const POST = feedbackFormPost("submit");
