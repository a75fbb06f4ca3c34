"use client";

import ArrowBack from "@mui/icons-material/ArrowBack";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MuiLink from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTheme } from "@mui/material/styles";
import NextLink from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { Section } from "@/components/ui/Section";
import { ButtonLink } from "@/components/ui/links";

import { DecideExtensionForm } from "./ClockForms";
import { useManagerQueue, type TManagerQueue } from "./leadQueries";
import { CountdownText } from "./LeadStatus";

type Pending = TManagerQueue["pending"][number];

/** Managers' work: extension requests to decide, leads in their grace period, recent expiries. */
export function LeadQueue({ orgSlug, initialQueue }: { orgSlug: string; initialQueue: TManagerQueue }) {
  const t = useTranslations("leads.queue");
  const format = useFormatter();
  const queue = useManagerQueue(orgSlug, initialQueue);
  const [deciding, setDeciding] = useState<Pending | null>(null);
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const { pending, grace, expired } = queue.data;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const leadLink = (id: string, name: string) => (
    <MuiLink component={NextLink} href={`/${orgSlug}/leads/${id}`} underline="hover">
      {name}
    </MuiLink>
  );

  return (
    <Stack spacing={3}>
      <Box>
        <ButtonLink href={`/${orgSlug}/leads`} startIcon={<ArrowBack />} size="small">
          {t("back")}
        </ButtonLink>
      </Box>
      {queue.isError && <Alert severity="error">{queue.error.message}</Alert>}

      <Section fill title={t("pendingTitle", { count: pending.length })} id="pending-heading">
        {pending.length === 0 ? (
          <Typography color="text.secondary">{t("pendingEmpty")}</Typography>
        ) : (
          <Stack
            component="ul"
            spacing={1.5}
            sx={{ p: 0, m: 0, listStyle: "none" }}
            aria-labelledby="pending-heading"
          >
            {pending.map((r) => (
              <Paper
                component="li"
                key={r.id}
                variant="outlined"
                sx={{ p: 2 }}
                data-testid="extension-request"
              >
                <Stack
                  direction={{ xs: "column", sm: "row" }}
                  spacing={1}
                  sx={{ justifyContent: "space-between" }}
                >
                  <Box sx={{ minWidth: 0 }}>
                    <Typography variant="subtitle1" component="h3" sx={{ wordBreak: "break-word" }}>
                      {leadLink(r.leadId, r.companyName)}
                      <Typography component="span" color="text.secondary">
                        {" · "}
                        {r.city}
                      </Typography>
                    </Typography>
                    <Typography variant="body2">
                      {t("requestLine", {
                        days: r.days,
                        name: r.requestedBy ?? "–",
                        date: when(r.requestedAt),
                      })}
                    </Typography>
                    <Typography variant="body2" color="text.secondary" sx={{ wordBreak: "break-word" }}>
                      {r.reason}
                    </Typography>
                    {r.baseUntil && (
                      <Typography variant="body2" sx={{ mt: 0.5 }}>
                        {t("baseWouldMove", {
                          from: when(r.baseUntil),
                          to: when(new Date(Date.parse(r.baseUntil) + r.days * 86_400_000).toISOString()),
                        })}
                      </Typography>
                    )}
                    {r.escalatedAt && (
                      <Chip
                        size="small"
                        color="error"
                        variant="outlined"
                        sx={{ mt: 1 }}
                        label={t("escalated", { date: when(r.escalatedAt) })}
                      />
                    )}
                  </Box>
                  <Box sx={{ flexShrink: 0 }}>
                    <Button
                      variant="contained"
                      onClick={() => setDeciding(r)}
                      aria-label={t("decideFor", { company: r.companyName })}
                    >
                      {t("decide")}
                    </Button>
                  </Box>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Section>

      <Section
        fill
        title={t("graceTitle", { count: grace.length })}
        intro={t("graceIntro")}
        id="grace-heading"
      >
        {grace.length === 0 ? (
          <Typography color="text.secondary">{t("graceEmpty")}</Typography>
        ) : (
          <List dense aria-labelledby="grace-heading">
            {grace.map((l) => (
              <ListItem key={l.id} disableGutters>
                <ListItemText
                  primary={
                    <>
                      {leadLink(l.id, l.companyName)} · {l.city}
                    </>
                  }
                  secondary={
                    <>
                      {l.ownerName ?? "–"} ·{" "}
                      <CountdownText status="GRACE" validUntil={null} graceUntil={l.at} />
                    </>
                  }
                  slotProps={{ secondary: { component: "div" } }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>

      <Section
        fill
        title={t("expiredTitle", { count: expired.length })}
        intro={t("expiredIntro")}
        id="expired-heading"
      >
        {expired.length === 0 ? (
          <Typography color="text.secondary">{t("expiredEmpty")}</Typography>
        ) : (
          <List dense aria-labelledby="expired-heading">
            {expired.map((l) => (
              <ListItem key={`${l.id}-${l.at}`} disableGutters>
                <ListItemText
                  primary={
                    <>
                      {leadLink(l.id, l.companyName)} · {l.city}
                    </>
                  }
                  secondary={`${l.ownerName ?? "–"} · ${l.at ? t("expiredAt", { date: when(l.at) }) : ""}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>

      <Dialog
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="sm"
      >
        {deciding && (
          <>
            <DialogTitle>
              {t("decideTitle", { company: deciding.companyName, days: deciding.days })}
            </DialogTitle>
            <DialogContent>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {deciding.reason}
              </Typography>
              <DecideExtensionForm
                orgSlug={orgSlug}
                requestId={deciding.id}
                leadId={deciding.leadId}
                onDone={() => setDeciding(null)}
              />
              <Button onClick={() => setDeciding(null)} sx={{ mt: 1 }}>
                {t("cancel")}
              </Button>
            </DialogContent>
          </>
        )}
      </Dialog>
    </Stack>
  );
}
