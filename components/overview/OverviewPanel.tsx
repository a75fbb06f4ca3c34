import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import type { TOverview } from "@/lib/overview/schemas";

import { CardActionLink } from "@/components/ui/links";

interface Figure {
  id: string;
  label: string;
  value: string;
  hint: string;
  /** The filtered list the number counts; none where there is no list to show. */
  href: string | null;
  /** A number that asks for action now is shown in the warning colour while it is not zero. */
  urgent?: boolean;
  count: number;
}

/**
 * The home page's numbers, "what needs me today": a partner's own leads, the team's for managers,
 * admins and auditors. Each card links to the list it counts (the lead list's filters in the URL,
 * or the manager queue for those who decide).
 */
export async function OverviewPanel({
  orgSlug,
  overview,
  decides,
  seesOutbox,
}: {
  orgSlug: string;
  overview: TOverview;
  /** Managers and admins decide extension requests in the queue; auditors see the list instead. */
  decides: boolean;
  /** Admins read the outbox on the Integrations page. */
  seesOutbox: boolean;
}) {
  const t = await getTranslations("overview");
  const format = await getFormatter();
  const leads = (query: string) => `/${orgSlug}/leads?${query}`;
  const n = (count: number) => format.number(count);

  const sections: { id: string; title: string; figures: Figure[] }[] = [];
  const { partner, team } = overview;
  if (partner) {
    const figure = (id: keyof typeof partner, query: string, urgent = false): Figure => ({
      id,
      label: t(`partner.${id}`),
      hint: t(`partner.${id}Hint`),
      value: n(partner[id]),
      count: partner[id],
      href: leads(query),
      urgent,
    });
    sections.push({
      id: "partner",
      title: t("partner.title"),
      figures: [
        figure("dueThisWeek", "owner=me&due=7d", true),
        figure("inGrace", "owner=me&status=GRACE", true),
        figure("holdOpen", "owner=me&hold=open"),
        figure("extensionsPending", "owner=me&extension=pending"),
        figure("extensionsDecided", "owner=me&extension=decided"),
      ],
    });
  }
  if (team) {
    const decisions = decides ? `/${orgSlug}/leads/queue` : leads("owner=all&extension=pending");
    const figure = (
      id: "decisionsWaiting" | "escalations" | "expiringThisWeek" | "inGrace" | "holdOpen",
      href: string,
      urgent = false,
    ): Figure => ({
      id,
      label: t(`team.${id}`),
      hint: t(`team.${id}Hint`),
      value: n(team[id]),
      count: team[id],
      href,
      urgent,
    });
    const figures = [
      figure("decisionsWaiting", decisions, decides),
      figure("escalations", decisions, decides),
      figure("expiringThisWeek", leads("owner=all&due=7d"), true),
      figure("inGrace", leads("owner=all&status=GRACE")),
      figure("holdOpen", leads("owner=all&hold=open")),
    ];
    if (team.remindersSent !== null)
      figures.push({
        id: "remindersSent",
        label: t("team.remindersSent"),
        hint: t("team.remindersSentHint"),
        value: n(team.remindersSent),
        count: team.remindersSent,
        href: seesOutbox ? `/${orgSlug}/integrations#integrations-outbox` : null,
      });
    if (team.ai) {
      const eur = (v: number) => format.number(v, { style: "currency", currency: "EUR" });
      figures.push({
        id: "aiSpend",
        label: t("team.aiSpend", { month: team.ai.month }),
        value: t("team.aiSpendValue", { spent: eur(team.ai.spentEur), cap: eur(team.ai.capEur) }),
        hint: t("team.aiSpendHint", { percent: team.ai.capEur > 0 ? team.ai.spentEur / team.ai.capEur : 0 }),
        count: 0,
        href: `/${orgSlug}/ai`,
      });
    }
    sections.push({ id: "team", title: t("team.title"), figures });
  }

  return (
    <>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`overview-${section.id}`}>
          <Typography variant="h6" component="h2" id={`overview-${section.id}`} gutterBottom>
            {section.title}
          </Typography>
          <Grid container spacing={2} sx={{ mb: 3 }}>
            {section.figures.map((f) => (
              <Grid key={f.id} size={{ xs: 6, md: 4, lg: 3 }}>
                <FigureCard figure={f} />
              </Grid>
            ))}
          </Grid>
        </section>
      ))}
    </>
  );
}

function FigureCard({ figure: f }: { figure: Figure }) {
  const content = (
    <CardContent>
      <Typography
        variant={f.id === "aiSpend" ? "h6" : "h4"}
        component="p"
        color={f.urgent && f.count > 0 ? "warning.dark" : "text.primary"}
        data-testid={`overview-${f.id}`}
      >
        {f.value}
      </Typography>
      <Typography variant="subtitle2" component="h3" sx={{ hyphens: "auto", overflowWrap: "break-word" }}>
        {f.label}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ hyphens: "auto", overflowWrap: "break-word" }}>
        {f.hint}
      </Typography>
    </CardContent>
  );
  return (
    <Card variant="outlined" sx={{ height: "100%" }}>
      {f.href ? (
        <CardActionLink href={f.href} sx={{ height: "100%", alignItems: "flex-start" }}>
          {content}
        </CardActionLink>
      ) : (
        content
      )}
    </Card>
  );
}
