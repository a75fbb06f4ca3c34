import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { ApiReference } from "./ApiReference";

/** The API reference's page: what the API is and how to sign in to it, then the operations. */
export async function ApiDocs({ version }: { version: string }) {
  const t = await getTranslations("api");
  return (
    <Box component="main" sx={{ maxWidth: 1200, mx: "auto", p: { xs: 1.5, md: 4 } }}>
      <Typography variant="h4" component="h1" gutterBottom>
        {t("docsTitle")} <Chip size="small" label={version} />
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {t("docsIntro")}
      </Typography>
      <Typography sx={{ mb: 2 }}>
        <a href="/api/v1/openapi.json">{t("download")}</a>
      </Typography>
      <ApiReference url="/api/v1/openapi.json" />
    </Box>
  );
}
