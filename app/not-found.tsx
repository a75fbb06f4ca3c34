import Container from "@mui/material/Container";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { ButtonLink } from "@/components/ui/links";

export default async function NotFound() {
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
