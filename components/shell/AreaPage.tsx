import ConstructionOutlined from "@mui/icons-material/ConstructionOutlined";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { EmptyState } from "@/components/ui/EmptyState";

import type { Area } from "./areas";

/** Heading and description of an area, then its content — or, until it is built, an honest empty state. */
export async function AreaPage({ area, children }: { area: Area; children?: ReactNode }) {
  const t = await getTranslations();
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t(`nav.${area}`)}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t(`areas.${area}.description`)}
      </Typography>
      {children ?? <EmptyState icon={<ConstructionOutlined />} title={t("areas.notBuilt")} />}
    </>
  );
}
