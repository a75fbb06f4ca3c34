import Container from "@mui/material/Container";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { ButtonLink } from "@/components/ui/links";

/** A 404 inside the admin (a page called notFound()): in the admin's look, with its providers. */
export default async function AdminNotFound() {
  const t = await getTranslations("errors");
  return (
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
  );
}
