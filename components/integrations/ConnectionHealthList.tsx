import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import { HEALTH_WINDOW_MINUTES, type ConnectionHealth, type HealthLight } from "@/lib/integrations/health";

const LIGHT_COLOUR: Record<HealthLight, string> = {
  green: "success.main",
  yellow: "warning.main",
  red: "error.main",
  off: "grey.500",
};

/** Health per connection: a status light and the figures of the last 15 minutes. */
export async function ConnectionHealthList({ health }: { health: ConnectionHealth[] }) {
  const t = await getTranslations("integrationsMonitor.health");
  const tp = await getTranslations("integrations");
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const provider = (p: string) =>
    tp.has(`provider.${p}` as "provider.XENTRAL") ? tp(`provider.${p}` as "provider.XENTRAL") : p;

  const figures = (h: ConnectionHealth): [string, string][] => [
    [
      t("breaker"),
      h.breaker.state === "open" && h.breaker.since && h.breaker.until
        ? t("breakerOpen", { since: dateTime(h.breaker.since), until: dateTime(h.breaker.until) })
        : t(`breakerState.${h.breaker.state}`),
    ],
    [t("lastSuccess"), h.lastSuccessAt ? dateTime(h.lastSuccessAt) : t("never")],
    [t("lastError"), h.lastError ? `${dateTime(h.lastError.at)} · ${h.lastError.message}` : t("none")],
    [
      t("errorRate"),
      h.window.errorRate === null
        ? t("noCalls")
        : t("errorRateValue", {
            rate: format.number(h.window.errorRate, { style: "percent", maximumFractionDigits: 1 }),
            failures: h.window.failures,
            calls: h.window.calls,
          }),
    ],
    [t("p95"), h.window.p95Ms === null ? t("noCalls") : t("p95Value", { ms: format.number(h.window.p95Ms) })],
    [
      t("quota"),
      h.quota.remaining === null
        ? t("quotaLimit", { perMinute: h.quota.perMinute })
        : t("quotaValue", { remaining: h.quota.remaining, perMinute: h.quota.perMinute }),
    ],
    ...(h.tokenExpiry
      ? ([
          [
            t("tokenExpiry"),
            t(
              h.tokenExpiry.expired
                ? "tokenExpired"
                : h.tokenExpiry.warning
                  ? "tokenExpiresSoon"
                  : "tokenExpires",
              {
                date: format.dateTime(new Date(`${h.tokenExpiry.expiresAt}T12:00:00Z`), {
                  dateStyle: "medium",
                }),
                days: h.tokenExpiry.daysLeft,
              },
            ),
          ],
        ] as [string, string][])
      : []),
  ];

  return (
    <Paper variant="outlined" component="section" aria-labelledby="integrations-health" sx={{ p: 3 }}>
      <Typography variant="h6" component="h3" id="integrations-health" gutterBottom>
        {t("title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro", { minutes: HEALTH_WINDOW_MINUTES })}
      </Typography>
      {health.length === 0 ? (
        <Typography color="text.secondary">{t("empty")}</Typography>
      ) : (
        <Box
          component="ul"
          sx={{
            m: 0,
            p: 0,
            listStyle: "none",
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "1fr", md: "repeat(2, 1fr)" },
          }}
        >
          {health.map((h) => (
            <Paper component="li" variant="outlined" key={h.connectionId} sx={{ p: 2 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start", mb: 1 }}>
                <Box
                  aria-hidden
                  sx={{
                    width: 12,
                    height: 12,
                    mt: 0.5,
                    borderRadius: "50%",
                    bgcolor: LIGHT_COLOUR[h.light],
                    flex: "none",
                  }}
                />
                <div>
                  <Typography variant="subtitle2" component="h4" sx={{ wordBreak: "break-word" }}>
                    {h.name} · {t(`light.${h.light}`)}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {provider(h.provider)}
                  </Typography>
                </div>
              </Stack>
              <Box
                component="dl"
                sx={{
                  m: 0,
                  display: "grid",
                  gridTemplateColumns: "max-content 1fr",
                  columnGap: 2,
                  rowGap: 0.5,
                }}
              >
                {figures(h).map(([label, value]) => (
                  <Box key={label} sx={{ display: "contents" }}>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {label}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: "break-word" }}>
                      {value}
                    </Typography>
                  </Box>
                ))}
              </Box>
            </Paper>
          ))}
        </Box>
      )}
    </Paper>
  );
}
