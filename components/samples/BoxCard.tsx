"use client";

import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { FormFooter, FormMessage } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { changeBoxStatusAction, createPhaseAction } from "@/lib/samples/actions";
import { PHASE_STAGES, type TBoxStatus, sampleForms } from "@/lib/samples/schemas";
import { NEXT_STATUSES } from "@/lib/samples/status";

import { BoxStatusChip } from "./BoxStatusChip";
import { PhasePanel } from "./PhasePanel";
import { useInvalidateSamples, useSampleAction, type SampleBox } from "./sampleQueries";

/** The moves a person makes by hand; IN_TEST comes with a test phase, FEEDBACK with the answer. */
const MANUAL_MOVES: readonly TBoxStatus[] = ["SHIPPED", "DELIVERED", "DECIDED", "CANCELLED"];

/** One sample box: what is in it, where it is, its legal next steps and its test phases. */
export function BoxCard({
  orgSlug,
  box,
  canConfigure,
}: {
  orgSlug: string;
  box: SampleBox;
  canConfigure: boolean;
}) {
  const t = useTranslations("samples.admin.box");
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const headingId = `box-${box.id}`;
  const moves = NEXT_STATUSES[box.status].filter((s) => MANUAL_MOVES.includes(s));
  const open = box.status !== "DECIDED" && box.status !== "CANCELLED";

  return (
    <Paper variant="outlined" component="article" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: "center", flexWrap: "wrap", mb: 1 }}>
        <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
          {t("title", { date: day(box.configuredAt) })}
        </Typography>
        <BoxStatusChip status={box.status} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {[
          box.shippedAt && t("shippedAt", { date: day(box.shippedAt) }),
          box.deliveredAt && t("deliveredAt", { date: day(box.deliveredAt) }),
          box.trackingRef && t("trackingRef", { ref: box.trackingRef }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Typography>
      <Stack component="ul" sx={{ pl: 3, my: 1 }}>
        {box.items.map((item) => (
          <Typography component="li" variant="body2" key={item.sku}>
            {t("item", { qty: item.qty, name: item.name })}
            {item.packSize ? ` (${item.packSize})` : ""}
          </Typography>
        ))}
      </Stack>
      {box.notes && (
        <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", mb: 1 }}>
          {box.notes}
        </Typography>
      )}
      {canConfigure && moves.length > 0 && <StatusSteps orgSlug={orgSlug} box={box} moves={moves} />}
      {box.phases.map((phase) => (
        <Stack key={phase.id}>
          <Divider sx={{ my: 2 }} />
          <PhasePanel
            orgSlug={orgSlug}
            leadId={box.leadId}
            box={box}
            phase={phase}
            canConfigure={canConfigure}
          />
        </Stack>
      ))}
      {canConfigure && open && (
        <>
          <Divider sx={{ my: 2 }} />
          <PhaseForm orgSlug={orgSlug} box={box} />
        </>
      )}
    </Paper>
  );
}

/** The box's legal next steps; shipping asks for the tracking reference. */
function StatusSteps({ orgSlug, box, moves }: { orgSlug: string; box: SampleBox; moves: TBoxStatus[] }) {
  const t = useTranslations("samples.admin.box");
  const invalidate = useInvalidateSamples(orgSlug, box.leadId);
  const [shipping, setShipping] = useState(false);
  const [trackingRef, setTrackingRef] = useState("");
  const action = useSampleAction(async () => {
    setShipping(false);
    await invalidate();
  });
  const move = (status: TBoxStatus) =>
    action.run(() =>
      changeBoxStatusAction(orgSlug, box.id, {
        status,
        ...(status === "SHIPPED" && trackingRef.trim() ? { trackingRef } : {}),
      }),
    );

  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
        {moves.map((status) =>
          status === "SHIPPED" ? (
            <Button key={status} variant="outlined" size="small" onClick={() => setShipping(true)}>
              {t("move.SHIPPED")}
            </Button>
          ) : (
            <Button
              key={status}
              variant="outlined"
              size="small"
              color={status === "CANCELLED" ? "error" : "primary"}
              disabled={action.pending}
              onClick={() => move(status)}
            >
              {t(`move.${status as "DELIVERED" | "DECIDED" | "CANCELLED"}`)}
            </Button>
          ),
        )}
      </Stack>
      {shipping && (
        <Stack
          component="form"
          direction={{ xs: "column", sm: "row" }}
          spacing={1}
          noValidate
          aria-label={t("move.SHIPPED")}
          onSubmit={(event) => {
            event.preventDefault();
            move("SHIPPED");
          }}
        >
          <TextField
            size="small"
            label={t("trackingLabel")}
            value={trackingRef}
            onChange={(event) => setTrackingRef(event.target.value)}
            error={Boolean(action.fieldErrors.trackingRef)}
            helperText={action.fieldErrors.trackingRef ?? t("trackingHint")}
            autoFocus
          />
          <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
            <Button type="submit" variant="contained" size="small" disabled={action.pending}>
              {t("confirmShipped")}
            </Button>
            <Button size="small" onClick={() => setShipping(false)}>
              {t("cancelForm")}
            </Button>
          </Stack>
        </Stack>
      )}
      <FormMessage message={action.message} />
    </Stack>
  );
}

/** "Start a test phase": stage, first and last day. */
function PhaseForm({ orgSlug, box }: { orgSlug: string; box: SampleBox }) {
  const t = useTranslations("samples.admin.phase");
  const s = useTranslations("samples.admin.stage");
  const invalidate = useInvalidateSamples(orgSlug, box.leadId);
  const [open, setOpen] = useState(false);
  const form = useActionForm(createPhaseAction.bind(null, orgSlug, box.id), {
    schema: sampleForms.createPhase,
    onOk: async () => {
      setOpen(false);
      await invalidate();
    },
  });
  if (!open)
    return (
      <Stack direction="row">
        <Button variant="outlined" onClick={() => setOpen(true)}>
          {t("add")}
        </Button>
      </Stack>
    );
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("add")}>
      <Typography variant="subtitle2" component="h4">
        {t("add")}
      </Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5}>
        <TextField select label={t("stage")} defaultValue="SAMPLE" fullWidth {...form.field("stage")}>
          {PHASE_STAGES.map((stage) => (
            <MenuItem key={stage} value={stage}>
              {s(stage)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          label={t("startDate")}
          defaultValue={today}
          fullWidth
          slotProps={{ inputLabel: { shrink: true } }}
          {...form.field("startDate")}
        />
        <TextField
          type="date"
          label={t("endDate")}
          fullWidth
          slotProps={{ inputLabel: { shrink: true } }}
          {...form.field("endDate")}
        />
      </Stack>
      <FormFooter message={form.message} pending={form.pending} label={t("save")} saving={t("saving")} />
    </Stack>
  );
}
