import Button from "@mui/material/Button";
import Container from "@mui/material/Container";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { SetPasswordForm } from "@/components/members/SetPasswordForm";
import { passwordLinkState } from "@/lib/auth/password-links";

// The link's token is the credential: no other site learns it from a Referer header.
export const metadata: Metadata = { title: "Passwort", referrer: "no-referrer" };

/**
 * Where an invited member (or one whose password was reset) sets their password: public, phone
 * first. A link that is unknown, expired, used, or whose member was deactivated gets a plain page
 * that says which, never the form.
 */
export default async function SetPasswordPage({ params }: PageProps<"/set-password/[token]">) {
  const { token } = await params;
  const { state } = await passwordLinkState(token);
  const t = await getTranslations("members.setPassword");
  return (
    <Container maxWidth="xs" sx={{ py: { xs: 3, sm: 10 }, px: { xs: 2 } }}>
      <Paper variant="outlined" sx={{ p: { xs: 2.5, sm: 4 } }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {state === "valid" ? t("title") : t("invalidTitle")}
        </Typography>
        {state === "valid" ? (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
              {t("intro")}
            </Typography>
            <SetPasswordForm token={token} />
          </>
        ) : (
          <>
            <Typography sx={{ mb: 3 }}>{t(state)}</Typography>
            <Button href="/login" variant="outlined">
              {t("toLogin")}
            </Button>
          </>
        )}
      </Paper>
    </Container>
  );
}
