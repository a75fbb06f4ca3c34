import { NotFoundNotice } from "@/components/feedback/Notices";

/** An unknown or withdrawn feedback link: a friendly 404 in both languages. */
export default function FeedbackNotFound() {
  return <NotFoundNotice />;
}
