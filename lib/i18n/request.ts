import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { LOCALE_COOKIE, resolveLocale } from "./config";
import { MESSAGES } from "./messages";

// Locale without URL prefixes: the cookie set at sign-in (from the user's profile) and by the
// language switch; German when there is none.
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    timeZone: "Europe/Berlin",
    messages: MESSAGES[locale],
  };
});
