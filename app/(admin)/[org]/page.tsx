import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { OverviewPanel } from "@/components/overview/OverviewPanel";
import { AREAS, AREA_ICONS } from "@/components/shell/areas";
import { CardActionLink } from "@/components/ui/links";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { getOverview } from "@/lib/overview/service";

export default async function OrgHome({ params }: PageProps<"/[org]">) {
  const { account, org, ctx } = await requireOrgSession((await params).org);
  const t = await getTranslations();
  const overview = await getOverview(ctx);
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t("home.welcome", { name: account.name })}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t("home.summary", { org: org.name, role: t(`roles.${org.role}`) })}
      </Typography>
      <OverviewPanel
        orgSlug={org.slug}
        overview={overview}
        decides={can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })}
        seesOutbox={can(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId })}
      />
      <Typography variant="h6" component="h2" gutterBottom>
        {t("home.areas")}
      </Typography>
      <Grid container spacing={2}>
        {AREAS.map((area) => (
          <Grid key={area} size={{ xs: 12, sm: 6, lg: 3 }}>
            <Card variant="outlined" sx={{ height: "100%" }}>
              <CardActionLink href={`/${org.slug}/${area}`} sx={{ height: "100%" }}>
                <CardContent>
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
                    {AREA_ICONS[area]}
                    <Typography variant="subtitle1" component="h3">
                      {t(`nav.${area}`)}
                    </Typography>
                  </Stack>
                  <Typography variant="body2" color="text.secondary">
                    {t(`areas.${area}.description`)}
                  </Typography>
                </CardContent>
              </CardActionLink>
            </Card>
          </Grid>
        ))}
      </Grid>
    </>
  );
}
