"use client";

import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import { CardActionLink } from "@/components/ui/links";
import type { BoxListRow } from "@/lib/samples/overview";
import { BOX_STATUSES, type TBoxStatus } from "@/lib/samples/schemas";

/** Cards a column shows before it says how many more there are (the list below has them all). */
const PER_COLUMN = 6;

/** The pipeline: one column per status with its count; each card opens the lead. */
export function PipelineBoard({
  orgSlug,
  counts,
  boxes,
}: {
  orgSlug: string;
  counts: Record<TBoxStatus, number>;
  boxes: BoxListRow[];
}) {
  const t = useTranslations("samples.area.board");
  const st = useTranslations("samples.admin.status");
  return (
    <Box
      sx={{
        display: "grid",
        gridAutoFlow: "column",
        gridAutoColumns: { xs: "minmax(200px, 80%)", sm: "minmax(160px, 1fr)" },
        gap: 1.5,
        overflowX: "auto",
        pb: 1,
      }}
    >
      {BOX_STATUSES.map((status) => {
        const cards = boxes.filter((b) => b.status === status);
        const headingId = `board-${status}`;
        return (
          <Box
            key={status}
            component="section"
            aria-labelledby={headingId}
            sx={{ bgcolor: "action.hover", borderRadius: 1, p: 1, minHeight: 120 }}
            data-testid={`board-${status}`}
          >
            <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "baseline", mb: 1 }}>
              <Typography variant="subtitle2" component="h3" id={headingId}>
                {st(status)}
              </Typography>
              <Typography
                variant="subtitle2"
                color="text.secondary"
                aria-label={t("count", { count: counts[status] })}
              >
                {counts[status]}
              </Typography>
            </Stack>
            <Stack spacing={1}>
              {cards.slice(0, PER_COLUMN).map((box) => (
                <Card key={box.id} variant="outlined">
                  <CardActionLink href={`/${orgSlug}/leads/${box.leadId}`}>
                    <CardContent sx={{ p: 1.25, "&:last-child": { pb: 1.25 } }}>
                      <Typography variant="body2" sx={{ fontWeight: 600, wordBreak: "break-word" }}>
                        {box.companyName}
                      </Typography>
                      <Typography variant="caption" color="text.secondary" component="p">
                        {t("products", { count: box.skus.length })}
                        {box.ownerName ? ` · ${box.ownerName}` : ""}
                      </Typography>
                    </CardContent>
                  </CardActionLink>
                </Card>
              ))}
              {counts[status] > Math.min(cards.length, PER_COLUMN) && (
                <Typography variant="caption" color="text.secondary">
                  {t("more", { count: counts[status] - Math.min(cards.length, PER_COLUMN) })}
                </Typography>
              )}
            </Stack>
          </Box>
        );
      })}
    </Box>
  );
}
