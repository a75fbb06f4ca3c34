import InsightsOutlined from "@mui/icons-material/InsightsOutlined";
import ReceiptLongOutlined from "@mui/icons-material/ReceiptLongOutlined";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { CardActionLink } from "@/components/ui/links";

/** The System area's sub-pages (business KPIs, logs), as cards above the jobs. */
export async function SystemLinks({ orgSlug }: { orgSlug: string }) {
  const kpis = await getTranslations("systemKpis");
  const logs = await getTranslations("systemLogs");
  const pages = [
    {
      href: `/${orgSlug}/system/kpis`,
      icon: <InsightsOutlined />,
      title: kpis("navLink"),
      text: kpis("navText"),
    },
    {
      href: `/${orgSlug}/system/logs`,
      icon: <ReceiptLongOutlined />,
      title: logs("navLink"),
      text: logs("navText"),
    },
  ];
  return (
    <Grid container spacing={2} sx={{ mb: 3 }} component="nav" aria-label={kpis("subPages")}>
      {pages.map((page) => (
        <Grid key={page.href} size={{ xs: 12, sm: 6 }}>
          <Card variant="outlined" sx={{ height: "100%" }}>
            <CardActionLink href={page.href} sx={{ height: "100%" }}>
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 0.5 }}>
                  {page.icon}
                  <Typography variant="h6" component="h2">
                    {page.title}
                  </Typography>
                </Stack>
                <Typography variant="body2" color="text.secondary">
                  {page.text}
                </Typography>
              </CardContent>
            </CardActionLink>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
}
