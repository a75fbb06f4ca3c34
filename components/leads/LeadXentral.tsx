"use client";

import OpenInNew from "@mui/icons-material/OpenInNew";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { Section } from "@/components/ui/Section";
import { apiGet } from "@/components/ui/apiFetch";
import { createXentralSalesOrderAction, linkXentralCustomerAction } from "@/lib/integrations/xentral/actions";
import type { TCustomerCandidate, TLeadXentral } from "@/lib/integrations/xentral/schemas";

const key = (leadId: string) => ["lead", leadId, "xentral"] as const;

/**
 * The lead's Xentral side: its customer number, the search to link it (managers and admins), and
 * the sales order from a positive test phase (managers and admins; never shipped automatically).
 */
export function LeadXentral({
  orgSlug,
  leadId,
  canManage,
}: {
  orgSlug: string;
  leadId: string;
  canManage: boolean;
}) {
  const t = useTranslations("xentral");
  const query = useQuery({
    queryKey: key(leadId),
    queryFn: () => apiGet<TLeadXentral>(orgSlug, `/leads/${leadId}/xentral`),
  });
  const view = query.data;
  return (
    <Section title={t("title")} intro={t("intro")} id="xentral-heading">
      {!view ? null : !view.configured ? (
        <Typography color="text.secondary">{t("notConfigured")}</Typography>
      ) : (
        <Stack spacing={2}>
          <div>
            <Typography variant="overline" component="div">
              {t("customer")}
            </Typography>
            <Typography>
              {view.customer
                ? t("customerValue", { number: view.customer.number, name: view.customer.name })
                : t("notLinked")}
            </Typography>
          </div>
          {canManage && view.salesOrder?.state !== "CREATED" && (
            <CustomerSearch orgSlug={orgSlug} leadId={leadId} linked={Boolean(view.customer)} />
          )}
          <SalesOrder orgSlug={orgSlug} leadId={leadId} view={view} canManage={canManage} />
        </Stack>
      )}
    </Section>
  );
}

function CustomerSearch({ orgSlug, leadId, linked }: { orgSlug: string; leadId: string; linked: boolean }) {
  const t = useTranslations("xentral");
  const client = useQueryClient();
  const [open, setOpen] = useState(!linked);
  const [search, setSearch] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: [...key(leadId), "customers", search],
    queryFn: () =>
      apiGet<{ items: TCustomerCandidate[] }>(orgSlug, `/leads/${leadId}/xentral/customers`, search ?? {}),
    enabled: search !== null,
  });
  if (!open) {
    return (
      <Button size="small" sx={{ alignSelf: "flex-start" }} onClick={() => setOpen(true)}>
        {t("relink")}
      </Button>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries(
      ["vatNumber", "name", "zip"].flatMap((f) => {
        const value = String(form.get(f) ?? "").trim();
        return value ? [[f, value]] : [];
      }),
    );
    setMessage(null);
    setSearch(fields);
  };
  const link = async (candidate: TCustomerCandidate) => {
    const state = await linkXentralCustomerAction(orgSlug, { leadId, customerNumber: candidate.number });
    if (state.status === "ok") {
      // The search closes; the panel shows the linked customer's number.
      setOpen(false);
      await client.invalidateQueries({ queryKey: key(leadId) });
    } else if (state.status === "error") {
      setMessage(state.message);
    }
  };
  return (
    <Stack spacing={1} component="form" onSubmit={submit} aria-label={t("searchTitle")}>
      <Typography variant="subtitle2" component="h4">
        {t("searchTitle")}
      </Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
        <TextField size="small" name="vatNumber" label={t("vatNumber")} />
        <TextField size="small" name="name" label={t("name")} />
        <TextField size="small" name="zip" label={t("zip")} sx={{ maxWidth: { sm: 120 } }} />
        <Button type="submit" variant="outlined">
          {t("search")}
        </Button>
      </Stack>
      {candidates.error && <Alert severity="error">{candidates.error.message}</Alert>}
      {candidates.data &&
        (candidates.data.items.length === 0 ? (
          <Typography color="text.secondary">{t("noCandidates")}</Typography>
        ) : (
          <List dense disablePadding>
            {candidates.data.items.map((c) => (
              <ListItem
                key={c.id}
                disableGutters
                secondaryAction={
                  <Button size="small" onClick={() => void link(c)} aria-label={`${t("link")}: ${c.name}`}>
                    {t("link")}
                  </Button>
                }
              >
                <ListItemText
                  primary={t("customerValue", { number: c.number, name: c.name })}
                  secondary={[c.vatNumber, [c.zip, c.city].filter(Boolean).join(" ")]
                    .filter(Boolean)
                    .join(" · ")}
                />
              </ListItem>
            ))}
          </List>
        ))}
      {message && <Alert severity="error">{message}</Alert>}
    </Stack>
  );
}

function SalesOrder({
  orgSlug,
  leadId,
  view,
  canManage,
}: {
  orgSlug: string;
  leadId: string;
  view: TLeadXentral;
  canManage: boolean;
}) {
  const t = useTranslations("xentral.order");
  const format = useFormatter();
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const order = view.salesOrder;
  if (order?.state === "CREATED") {
    return (
      <Alert
        severity="success"
        action={
          order.location ? (
            <Button
              size="small"
              href={order.location}
              target="_blank"
              rel="noreferrer"
              endIcon={<OpenInNew />}
            >
              {t("open")}
            </Button>
          ) : undefined
        }
      >
        {t("createdAt", {
          number: order.externalOrderNumber,
          at: order.createdAt
            ? format.dateTime(new Date(order.createdAt), { dateStyle: "medium", timeStyle: "short" })
            : "",
        })}
      </Alert>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const positions = view.skus.flatMap((s) => {
      const quantity = Number(form.get(`qty-${s.sku}`) ?? 0);
      return quantity > 0 ? [{ sku: s.sku, quantity }] : [];
    });
    if (positions.length === 0) return setError(t("noPositions"));
    setPending(true);
    setError(null);
    const state = await createXentralSalesOrderAction(orgSlug, { leadId, positions });
    setPending(false);
    if (state.status === "error") setError(state.message || Object.values(state.fieldErrors).join(" "));
    await client.invalidateQueries({ queryKey: key(leadId) });
  };
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2" component="h4">
        {t("title")}
      </Typography>
      {order?.state === "FAILED" && (
        <Alert severity="warning">
          {t("failed", { number: order.externalOrderNumber, error: order.error ?? "" })}
        </Alert>
      )}
      {order?.state === "SENDING" && (
        <Alert severity="info">{t("sending", { number: order.externalOrderNumber })}</Alert>
      )}
      {!view.orderable ? (
        <Typography color="text.secondary">{t("notOrderable")}</Typography>
      ) : !view.customer ? (
        <Typography color="text.secondary">{t("needsCustomer")}</Typography>
      ) : canManage ? (
        <Stack component="form" spacing={1} onSubmit={(e) => void submit(e)}>
          <Typography variant="body2" color="text.secondary">
            {t("intro")}
          </Typography>
          {view.skus.map((s) => (
            <TextField
              key={s.sku}
              size="small"
              type="number"
              name={`qty-${s.sku}`}
              label={t("quantity", { sku: s.sku })}
              helperText={`${s.name}${s.price ? ` · ${s.price} €` : ""}`}
              slotProps={{ htmlInput: { min: 0, max: 100000, step: 1 } }}
              sx={{ maxWidth: 360 }}
            />
          ))}
          <Button type="submit" variant="contained" disabled={pending} sx={{ alignSelf: "flex-start" }}>
            {t("create")}
          </Button>
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      ) : null}
    </Stack>
  );
}
