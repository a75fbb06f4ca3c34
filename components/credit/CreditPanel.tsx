"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import { ApiProblem, apiGet } from "@/components/ui/apiFetch";
import { creditCheckAction } from "@/lib/credit/actions";
import type { TCompanyCandidates, TLeadCredit, TLimitRequest } from "@/lib/credit/schemas";
import type { ActionState } from "@/lib/http/action";

export const creditKeys = {
  lead: (orgSlug: string, leadId: string) => ["credit", orgSlug, "lead", leadId] as const,
  companies: (orgSlug: string, leadId: string) => ["credit", orgSlug, "companies", leadId] as const,
};

/** The lead's credit, read through GET /api/v1/leads/{id}/credit; looked at again while something is under way. */
export function useLeadCredit(orgSlug: string, leadId: string) {
  return useQuery({
    queryKey: creditKeys.lead(orgSlug, leadId),
    queryFn: () => apiGet<TLeadCredit>(orgSlug, `/leads/${leadId}/credit`),
    retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
    refetchInterval: (query) =>
      query.state.data?.refreshing ? 3_000 : query.state.data?.pendingRequest ? 20_000 : false,
  });
}

const GRADE_COLOR = (grade: number) => (grade <= 3 ? "success" : grade <= 6 ? "warning" : "error");

/**
 * The lead page's credit panel (Allianz Trade; managers and admins — for anyone else the route
 * answers 403 and the panel shows nothing): grade, limit, when decided and how old the answer is,
 * "check"/"refresh", "request limit" and a pending request.
 */
export function CreditPanel({ orgSlug, leadId }: { orgSlug: string; leadId: string }) {
  const t = useTranslations("credit.panel");
  const query = useLeadCredit(orgSlug, leadId);
  const queryClient = useQueryClient();
  const [limitOpen, setLimitOpen] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ kind: "check" | "limit" }>, formData: FormData) => {
      const result = await creditCheckAction(orgSlug, previous, formData);
      await queryClient.invalidateQueries({ queryKey: creditKeys.lead(orgSlug, leadId) });
      if (result.status === "ok" && result.data.kind === "limit") setLimitOpen(false);
      if (result.status === "ok" && result.data.kind === "check") setChoosing(false);
      return result;
    },
    { status: "idle" },
  );

  if (query.error instanceof ApiProblem && (query.error.status === 403 || query.error.status === 404))
    return null;
  const credit = query.data;

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="credit-heading"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h6" component="h2" id="credit-heading" gutterBottom>
        {t("title")}
      </Typography>
      {query.error && !credit && <Alert severity="error">{query.error.message}</Alert>}
      {credit && <CreditFacts credit={credit} />}
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ mt: 2 }}>
        {credit?.company ? (
          <>
            <form action={action}>
              <input type="hidden" name="leadId" value={leadId} />
              <input type="hidden" name="kind" value="check" />
              <Button type="submit" variant="outlined" disabled={pending} fullWidth>
                {t("refresh")}
              </Button>
            </form>
            {!choosing && <Button onClick={() => setChoosing(true)}>{t("choose")}</Button>}
          </>
        ) : (
          !choosing && (
            <Button variant="outlined" onClick={() => setChoosing(true)}>
              {t("check")}
            </Button>
          )
        )}
        {credit?.company && !credit.pendingRequest && !limitOpen && (
          <Button variant="outlined" onClick={() => setLimitOpen(true)}>
            {t("requestLimit")}
          </Button>
        )}
      </Stack>
      {choosing && (
        <CompanyChoice
          orgSlug={orgSlug}
          leadId={leadId}
          action={action}
          pending={pending}
          onClose={() => setChoosing(false)}
        />
      )}
      {limitOpen && (
        <Box component="form" action={action} sx={{ mt: 2 }}>
          <input type="hidden" name="leadId" value={leadId} />
          <input type="hidden" name="kind" value="limit" />
          <Stack
            direction={{ xs: "column", sm: "row" }}
            spacing={1}
            sx={{ alignItems: { sm: "flex-start" } }}
          >
            <TextField
              name="amount"
              label={t("amount")}
              type="number"
              required
              size="small"
              slotProps={{ htmlInput: { min: 1, step: 1 } }}
              error={state.status === "error" && Boolean(state.fieldErrors.amount)}
              helperText={state.status === "error" ? state.fieldErrors.amount : undefined}
            />
            <TextField
              name="currency"
              label={t("currency")}
              select
              size="small"
              defaultValue="EUR"
              sx={{ minWidth: 110 }}
            >
              {["EUR", "CHF", "USD", "GBP"].map((c) => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
            <Button type="submit" variant="contained" disabled={pending}>
              {t("send")}
            </Button>
            <Button onClick={() => setLimitOpen(false)}>{t("cancel")}</Button>
          </Stack>
        </Box>
      )}
      <Box aria-live="polite" sx={{ mt: 1 }}>
        {state.status === "error" && !state.fieldErrors.amount && (
          <Alert severity="error">{state.message}</Alert>
        )}
        {state.status === "ok" && (
          <Typography variant="body2" color="text.secondary">
            {state.data.kind === "limit" ? t("requested") : t("checked")}
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

/**
 * The companies Allianz Trade finds for the lead (GET …/credit/companies), the VAT match first:
 * the manager links the right one and checks it in one step.
 */
function CompanyChoice({
  orgSlug,
  leadId,
  action,
  pending,
  onClose,
}: {
  orgSlug: string;
  leadId: string;
  action: (formData: FormData) => void;
  pending: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("credit.panel");
  const query = useQuery({
    queryKey: creditKeys.companies(orgSlug, leadId),
    queryFn: () => apiGet<TCompanyCandidates>(orgSlug, `/leads/${leadId}/credit/companies`),
    retry: false,
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  return (
    <Box component="section" aria-labelledby="credit-choice" aria-busy={query.isPending} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" id="credit-choice">
        {t("chooseTitle")}
      </Typography>
      {query.isPending && (
        <Typography variant="body2" color="text.secondary" role="status">
          {t("searching")}
        </Typography>
      )}
      {query.error && <Alert severity="error">{query.error.message}</Alert>}
      {query.isSuccess && items.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("noCandidates")}
        </Typography>
      )}
      {items.length > 0 && (
        <Stack component="ul" spacing={1} sx={{ listStyle: "none", p: 0, m: 0, mt: 1 }}>
          {items.map((c) => (
            <Box
              component="li"
              key={c.companyId}
              sx={{
                display: "flex",
                flexDirection: { xs: "column", sm: "row" },
                gap: 1,
                alignItems: { sm: "center" },
                justifyContent: "space-between",
                border: 1,
                borderColor: "divider",
                borderRadius: 1,
                p: 1.5,
              }}
            >
              <Box sx={{ minWidth: 0 }}>
                <Typography sx={{ fontWeight: 500, overflowWrap: "anywhere" }}>{c.name}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
                  {[c.city, c.country, c.vatNumber && t("vat", { vat: c.vatNumber }), c.companyId]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography>
                <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
                  {c.vatMatch && <Chip size="small" color="success" label={t("vatMatch")} />}
                  {c.linked && <Chip size="small" variant="outlined" label={t("linkedNow")} />}
                </Stack>
              </Box>
              {!c.linked && (
                <form action={action}>
                  <input type="hidden" name="leadId" value={leadId} />
                  <input type="hidden" name="kind" value="check" />
                  <input type="hidden" name="companyId" value={c.companyId} />
                  <Button
                    type="submit"
                    variant={c.vatMatch ? "contained" : "outlined"}
                    disabled={pending}
                    aria-label={`${t("link")}: ${c.name}`}
                  >
                    {t("link")}
                  </Button>
                </form>
              )}
            </Box>
          ))}
        </Stack>
      )}
      <Button onClick={onClose} sx={{ mt: 1 }}>
        {t("closeChoice")}
      </Button>
    </Box>
  );
}

function CreditFacts({ credit }: { credit: TLeadCredit }) {
  const t = useTranslations("credit.panel");
  const format = useFormatter();
  const money = (amount: number, currency: string) =>
    format.number(amount, { style: "currency", currency, maximumFractionDigits: 0 });
  if (!credit.company) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t("notLinked")}
      </Typography>
    );
  }
  const rows: [string, React.ReactNode][] = [
    [t("company"), [credit.company.name, credit.company.city].filter(Boolean).join(", ")],
    [
      t("grade"),
      credit.grade === null ? (
        "–"
      ) : (
        <Chip
          size="small"
          color={GRADE_COLOR(credit.grade)}
          label={t("gradeValue", { grade: credit.grade })}
          title={t("gradeHelp")}
        />
      ),
    ],
    [
      t("limit"),
      credit.limit !== null && credit.currency ? money(credit.limit, credit.currency) : t("noLimit"),
    ],
    [t("coverStatus"), credit.coverStatus ?? "–"],
    [
      t("decidedAt"),
      credit.decidedAt ? format.dateTime(new Date(credit.decidedAt), { dateStyle: "medium" }) : "–",
    ],
    [
      t("age"),
      credit.fetchedAt ? (
        <Box component="span" sx={{ display: "inline-flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
          <span>{format.relativeTime(new Date(credit.fetchedAt))}</span>
          {credit.source && (
            <Chip
              size="small"
              variant="outlined"
              color={credit.source === "stale" ? "warning" : "default"}
              label={t(`source.${credit.source}`)}
            />
          )}
        </Box>
      ) : (
        "–"
      ),
    ],
  ];
  return (
    <Stack spacing={1}>
      <Box
        component="dl"
        sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.75, m: 0 }}
      >
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: "contents" }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
      {credit.refreshing && (
        <Typography variant="caption" color="text.secondary">
          {t("refreshing")}
        </Typography>
      )}
      {credit.unavailable && (
        <Alert severity="warning">
          {t("unavailable", {
            until: credit.unavailable.until
              ? format.dateTime(new Date(credit.unavailable.until), { timeStyle: "short" })
              : "–",
          })}
        </Alert>
      )}
      {credit.pendingRequest && (
        <Alert severity="info">
          {t("pending", {
            amount: money(credit.pendingRequest.amount, credit.pendingRequest.currency),
            requestedAt: format.dateTime(new Date(credit.pendingRequest.requestedAt), {
              dateStyle: "medium",
              timeStyle: "short",
            }),
            jobId: credit.pendingRequest.jobId,
          })}
        </Alert>
      )}
      {credit.lastRequest && <LastRequest request={credit.lastRequest} money={money} />}
    </Stack>
  );
}

function LastRequest({
  request,
  money,
}: {
  request: TLimitRequest;
  money: (amount: number, currency: string) => string;
}) {
  const t = useTranslations("credit.panel");
  return (
    <Typography variant="body2" color="text.secondary">
      {t("lastRequest", {
        amount: money(request.amount, request.currency),
        state: t(`states.${request.state}`),
      })}
      {request.grantedAmount !== null &&
        ` · ${t("granted", { granted: money(request.grantedAmount, request.currency) })}`}
      {request.coverStatus && ` (${request.coverStatus})`}
    </Typography>
  );
}
