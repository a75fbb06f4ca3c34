import ConstructionOutlined from "@mui/icons-material/ConstructionOutlined";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { EmptyState } from "@/components/ui/EmptyState";

import type { Area } from "./areas";

/**
 * Heading and description of an area, then its content — or, until it is built, an honest empty
 * state. `actions` (the area's buttons) sit on the heading's line, and wrap below it on a phone.
 */
export async function AreaPage({
  area,
  actions,
  children,
}: {
  area: Area;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const t = await getTranslations();
  const heading = (
    <Typography variant="h4" component="h1" gutterBottom={!actions}>
      {t(`nav.${area}`)}
    </Typography>
  );
  return (
    <>
      {actions ? (
        <Stack
          direction="row"
          useFlexGap
          sx={{ alignItems: "center", justifyContent: "space-between", flexWrap: "wrap", gap: 1, mb: 1 }}
        >
          {heading}
          {actions}
        </Stack>
      ) : (
        heading
      )}
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t(`areas.${area}.description`)}
      </Typography>
      {children ?? <EmptyState icon={<ConstructionOutlined />} title={t("areas.notBuilt")} />}
    </>
  );
}
