import Container from "@mui/material/Container";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { LoginForm } from "@/components/auth/LoginForm";
import { safeCallbackPath } from "@/lib/auth/schemas";
import { currentAccount } from "@/lib/auth/session";
import { oidcConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Login" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentAccount()) redirect(callbackUrl);
  const t = await getTranslations();
  return (
    <Container maxWidth="xs" sx={{ py: { xs: 4, sm: 10 } }}>
      <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {t("app.name")}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
          {t("login.subtitle")}
        </Typography>
        <LoginForm callbackUrl={callbackUrl} ssoName={oidcConfig()?.name} />
      </Paper>
    </Container>
  );
}
