"use client";

import ArrowBack from "@mui/icons-material/ArrowBack";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Grid from "@mui/material/Grid";
import Paper from "@mui/material/Paper";
import Snackbar from "@mui/material/Snackbar";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import Typography from "@mui/material/Typography";
import { usePathname, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { CreditPanel } from "@/components/credit/CreditPanel";
import { HelpButton } from "@/components/help/HelpButton";
import { Section } from "@/components/ui/Section";
import { LeadSamples } from "@/components/samples/LeadSamples";
import type { LeadSamples as TLeadSamples } from "@/components/samples/sampleQueries";
import { ButtonLink } from "@/components/ui/links";

import { ActivityForm, ExtensionsPanel, HoldsPanel } from "./ClockForms";
import { useLead, useLeadTimeline, type TLead, type TLeadTimeline } from "./leadQueries";
import { LeadBrief } from "./LeadBrief";
import { LeadXentral } from "./LeadXentral";
import { LeadEditDialogs, type LeadDialogKind } from "./LeadEditDialogs";
import { CountdownText, DueSoonChip, StatusChip } from "./LeadStatus";
import { BackdateForm, CollaboratorsPanel, ReassignForm } from "./PeopleForms";
import { ProtectionTimeline } from "./ProtectionTimeline";
import { useNow } from "./time";
import { DEADLINES, type Deadline } from "./timelineModel";

/**
 * One lead, calm: who has it and until when, the deadlines and the timeline first; then the actions
 * as tabs that open one form at a time; one snackbar confirms whatever was done.
 */
export function LeadDetail({
  orgSlug,
  initialLead,
  initialTimeline,
  initialSamples,
}: {
  orgSlug: string;
  initialLead: TLead;
  initialTimeline: TLeadTimeline;
  initialSamples: TLeadSamples;
}) {
  const t = useTranslations("leads.detail");
  const tb = useTranslations("leads.brief");
  const ts = useTranslations("samples.admin");
  const now = useNow();
  const leadQuery = useLead(orgSlug, initialLead.id, initialLead);
  const timelineQuery = useLeadTimeline(orgSlug, initialLead.id, initialTimeline);
  const lead = leadQuery.data;
  const timeline = timelineQuery.data;
  const p = lead.protection;
  const names = new Map(timeline.members.map((m) => [m.id, m.name]));
  const can = timeline.can;
  const error = leadQuery.error ?? timelineQuery.error;
  const te = useTranslations("leads");
  const format = useFormatter();
  const [dialog, setDialog] = useState<LeadDialogKind | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack spacing={3}>
      <Box>
        <ButtonLink href={`/${orgSlug}/leads`} startIcon={<ArrowBack />} size="small" sx={{ mb: 1 }}>
          {t("back")}
        </ButtonLink>
        <Typography variant="h4" component="h1" sx={{ wordBreak: "break-word" }}>
          {lead.companyName}
        </Typography>
        <Typography color="text.secondary">
          {[lead.city, lead.industry].filter(Boolean).join(" · ")}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, alignItems: "center", flexWrap: "wrap" }}>
          <StatusChip status={p?.status ?? null} size="medium" />
          {p && (
            <CountdownText
              status={p.status}
              validUntil={p.validUntil}
              graceUntil={p.graceUntil}
              holdOpen={p.holdOpen}
            />
          )}
          {p?.dueSoon && <DueSoonChip />}
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {p ? t("owner", { name: names.get(p.ownerUserId) ?? "–" }) : t("noOwner")}
          {" · "}
          {t("stage", { stage: lead.stage })}
        </Typography>
        {lead.contact && (
          <Typography variant="body2" color="text.secondary">
            {t("contact")}:{" "}
            {[
              [lead.contact.firstName, lead.contact.lastName].filter(Boolean).join(" "),
              lead.contact.email,
              lead.contact.phone,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
        )}
        {(lead.vatId || lead.expectedVolume !== null) && (
          <Typography variant="body2" color="text.secondary">
            {[
              lead.vatId && t("vatId", { value: lead.vatId }),
              lead.expectedVolume !== null &&
                t("expectedVolume", {
                  value: format.number(lead.expectedVolume, { style: "currency", currency: "EUR" }),
                }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
        )}
        {(can.write || (can.erase && lead.contact)) && (
          <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1.5, flexWrap: "wrap" }}>
            {can.write && (
              <Button variant="outlined" size="small" onClick={() => setDialog("edit")}>
                {te("edit.open")}
              </Button>
            )}
            {can.erase && lead.contact && (
              <Button variant="outlined" size="small" color="error" onClick={() => setDialog("erase")}>
                {te("erase.open")}
              </Button>
            )}
          </Stack>
        )}
        <LeadEditDialogs
          orgSlug={orgSlug}
          lead={lead}
          open={dialog}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setDone(message);
          }}
        />
        <Snackbar
          open={done !== null}
          autoHideDuration={5000}
          onClose={() => setDone(null)}
          message={done}
          anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
        />
      </Box>

      {error && <Alert severity="error">{error.message}</Alert>}

      {p && <Deadlines lead={lead} />}

      <Section
        fill
        title={t("timelineTitle")}
        intro={t("timelineIntro")}
        id="timeline-heading"
        actions={<HelpButton helpKey="leads.protection.timeline" />}
      >
        {now === null ? null : <ProtectionTimeline lead={lead} timeline={timeline} now={now} />}
      </Section>

      <LeadActions
        orgSlug={orgSlug}
        lead={lead}
        timeline={timeline}
        now={now}
        onDone={(message) => setDone(message)}
      />

      <Section title={tb("title")} intro={tb("intro")} id="brief-heading">
        <LeadBrief orgSlug={orgSlug} leadId={lead.id} />
      </Section>

      <Section title={ts("title")} intro={ts("intro")} id="samples-heading">
        <LeadSamples orgSlug={orgSlug} leadId={lead.id} initial={initialSamples} />
      </Section>
      <CreditPanel orgSlug={orgSlug} leadId={lead.id} />
      <LeadXentral orgSlug={orgSlug} leadId={lead.id} canManage={can.manage} />
    </Stack>
  );
}

const ACTIONS = ["activity", "hold", "extension", "collaborators", "backdate", "reassign"] as const;
type LeadAction = (typeof ACTIONS)[number];
/** The help key of an action tab that has its own article (contextual help, issue 14). */
const ACTION_HELP: Partial<Record<LeadAction, string>> = {
  hold: "leads.holds",
  extension: "leads.extensions",
  collaborators: "leads.collaborators",
};

/**
 * What the reader may do on the lead, as tabs: one form open at a time, the chosen one kept in the
 * URL (`?action=hold`), so a reload or a shared link opens it again. A tab shows when the reader
 * may act there, or when it holds the lead's records (its holds, extension requests, collaborators).
 */
function LeadActions({
  orgSlug,
  lead,
  timeline,
  now,
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  timeline: TLeadTimeline;
  now: number | null;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.detail.actions");
  const tf = useTranslations("leads.forms");
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const p = lead.protection;
  const can = timeline.can;
  const protectedNow = p !== null && p.status !== "EXPIRED";
  const shown: Record<LeadAction, boolean> = {
    activity: can.logActivity && p !== null,
    hold: (can.write && protectedNow) || lead.holds.length > 0,
    extension: (can.write && protectedNow) || lead.extensions.length > 0,
    collaborators: can.write || lead.collaborators.length > 0,
    backdate: can.manage && p !== null,
    reassign: can.manage,
  };
  const available = ACTIONS.filter((action) => shown[action]);
  const asked = searchParams.get("action");
  const selected = available.find((action) => action === asked) ?? available[0];
  if (!selected) return null;

  const choose = (action: LeadAction) => {
    const search = new URLSearchParams(searchParams);
    search.set("action", action);
    // Only the URL changes (no navigation): Next.js keeps useSearchParams in step with it.
    window.history.replaceState(null, "", `${pathname}?${search}`);
  };
  const titles: Record<LeadAction, [string, string]> = {
    activity: [tf("activityTitle"), tf("activityIntro")],
    hold: [tf("holdTitle"), tf("holdIntro")],
    extension: [tf("extensionTitle"), tf("extensionIntro")],
    collaborators: [tf("collaboratorsTitle"), tf("collaboratorsIntro")],
    backdate: [tf("backdateTitle"), tf("backdateIntro")],
    reassign: [tf("reassignTitle"), tf("reassignIntro")],
  };
  const [title, intro] = titles[selected];

  return (
    <Paper variant="outlined" component="section" aria-labelledby="actions-heading">
      <Box sx={{ px: { xs: 2, sm: 3 }, pt: { xs: 2, sm: 3 } }}>
        <Typography variant="h6" component="h2" id="actions-heading">
          {t("title")}
        </Typography>
      </Box>
      <Tabs
        value={selected}
        onChange={(_event, action: LeadAction) => choose(action)}
        variant="scrollable"
        scrollButtons="auto"
        allowScrollButtonsMobile
        aria-label={t("label")}
        sx={{ borderBottom: 1, borderColor: "divider", px: { xs: 0, sm: 1 } }}
      >
        {available.map((action) => (
          <Tab
            key={action}
            value={action}
            label={t(`tabs.${action}`)}
            id={`lead-action-${action}`}
            aria-controls={`lead-action-panel-${action}`}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`lead-action-panel-${selected}`}
        aria-labelledby={`lead-action-${selected}`}
        sx={{ p: { xs: 2, sm: 3 } }}
      >
        <Stack direction="row" spacing={0.5} sx={{ alignItems: "center" }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {ACTION_HELP[selected] && <HelpButton helpKey={ACTION_HELP[selected]} />}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
        <Box sx={{ maxWidth: 640 }}>
          {selected === "activity" && <ActivityForm orgSlug={orgSlug} leadId={lead.id} onDone={onDone} />}
          {selected === "hold" && (
            <HoldsPanel
              orgSlug={orgSlug}
              lead={lead}
              canWrite={can.write}
              canManage={can.manage}
              now={now}
              onDone={onDone}
            />
          )}
          {selected === "extension" && (
            <ExtensionsPanel
              orgSlug={orgSlug}
              lead={lead}
              canWrite={can.write}
              canManage={can.manage}
              onDone={onDone}
            />
          )}
          {selected === "collaborators" && (
            <CollaboratorsPanel
              orgSlug={orgSlug}
              lead={lead}
              members={timeline.members}
              canWrite={can.write}
              onDone={onDone}
            />
          )}
          {selected === "backdate" && <BackdateForm orgSlug={orgSlug} leadId={lead.id} onDone={onDone} />}
          {selected === "reassign" && (
            <ReassignForm orgSlug={orgSlug} lead={lead} members={timeline.members} onDone={onDone} />
          )}
        </Box>
      </Box>
    </Paper>
  );
}

/** The four deadlines and, in words, which one decides and why. */
function Deadlines({ lead }: { lead: TLead }) {
  const t = useTranslations("leads.detail");
  const d = useTranslations("leads.timeline.deadlines");
  const format = useFormatter();
  const p = lead.protection!;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const decisive: Deadline = p.validUntil === p.baseUntil ? "baseUntil" : "progressUntil";
  const pausedDays = Math.floor(p.pausedSeconds / 86_400);
  const pausedHours = Math.floor((p.pausedSeconds % 86_400) / 3_600);

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="deadlines-heading"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h6" component="h2" id="deadlines-heading" gutterBottom>
        {t("deadlinesTitle")}
      </Typography>
      <Grid container spacing={2} component="dl" sx={{ m: 0 }}>
        {DEADLINES.map((key) => (
          <Grid key={key} size={{ xs: 6, md: 3 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {d(key)}
            </Typography>
            <Typography
              component="dd"
              sx={{ m: 0, fontWeight: key === "validUntil" ? 700 : 400 }}
              data-testid={`deadline-${key}`}
            >
              <time dateTime={p[key]}>{when(p[key])}</time>
            </Typography>
          </Grid>
        ))}
      </Grid>
      <Typography variant="body2" sx={{ mt: 2 }}>
        {t(p.mode === "LEAST" ? "whyLeast" : "whyGreatest", {
          deadline: d(decisive),
          date: when(p.validUntil),
        })}{" "}
        {t("graceAfter", { date: when(p.graceUntil) })}
      </Typography>
      {(p.extensionDays > 0 || p.pausedSeconds > 0 || p.holdOpen || p.reminderDueAt) && (
        <Box component="ul" sx={{ mt: 1, mb: 0, pl: 3, typography: "body2" }}>
          {p.extensionDays > 0 && <li>{t("extended", { days: p.extensionDays })}</li>}
          {p.pausedSeconds > 0 && (
            <li>
              {t("paused", {
                duration:
                  pausedDays > 0
                    ? t("duration.days", { days: pausedDays, hours: pausedHours })
                    : pausedHours > 0
                      ? t("duration.hours", { hours: pausedHours })
                      : t("duration.lessThanHour"),
              })}
            </li>
          )}
          {p.holdOpen && <li>{t("holdOpen")}</li>}
          {p.reminderDueAt && <li>{t("reminder", { date: when(p.reminderDueAt) })}</li>}
        </Box>
      )}
    </Paper>
  );
}
