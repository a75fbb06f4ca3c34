import { feedbackFormPost } from "@/components/feedback/post";

/** "Save for later" of the feedback form without JavaScript: saves the draft, 303 back to the page. */
export const POST = feedbackFormPost("draft");
