import { handlers } from "@/lib/auth/auth";
import { JSON_BODY_LIMIT } from "@/lib/http/body";
import { libraryRoute } from "@/lib/http/library-route";

export const { GET } = handlers;
// next-auth's forms (sign-in, sign-out) are a few hundred bytes.
export const POST = libraryRoute(handlers.POST, { bodyLimit: JSON_BODY_LIMIT });
