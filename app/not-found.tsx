import Container from "@mui/material/Container";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { AdminRoot } from "@/components/ui/AdminRoot";
import { ButtonLink } from "@/components/ui/links";

/** The admin's 404 (the root layout is plain, so it brings the admin's providers itself). */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <AdminRoot>
      <Container maxWidth="sm" sx={{ py: 10, textAlign: "center" }}>
        <Typography variant="h4" component="h1" gutterBottom>
          {t("notFoundTitle")}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          {t("notFoundText")}
        </Typography>
        <ButtonLink href="/" variant="contained">
          {t("backHome")}
        </ButtonLink>
      </Container>
    </AdminRoot>
  );
}
