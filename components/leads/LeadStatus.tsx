"use client";

import PauseCircleOutlined from "@mui/icons-material/PauseCircleOutlined";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import { countdown, useNow } from "./time";

export type ProtectionStatus = "ACTIVE" | "GRACE" | "EXPIRED";

const COLOUR = { ACTIVE: "success", GRACE: "warning", EXPIRED: "default" } as const;

/** ACTIVE green, GRACE orange, EXPIRED grey; a lead without an owner has no protection at all. */
export function StatusChip({
  status,
  size = "small",
}: {
  status: ProtectionStatus | null;
  size?: "small" | "medium";
}) {
  const t = useTranslations("leads.status");
  return (
    <Chip
      size={size}
      color={status ? COLOUR[status] : "default"}
      variant={status ? "filled" : "outlined"}
      label={t(status ?? "NONE")}
    />
  );
}

export function DueSoonChip() {
  const t = useTranslations("leads");
  return <Chip size="small" color="warning" variant="outlined" label={t("dueSoon")} />;
}

/** The deadline that matters now: valid_until while ACTIVE, grace_until in GRACE, none when expired. */
export function nextDeadline(p: {
  status: ProtectionStatus | null;
  validUntil: string | null;
  graceUntil: string | null;
}): string | null {
  if (p.status === "ACTIVE") return p.validUntil;
  if (p.status === "GRACE") return p.graceUntil;
  return null;
}

/** "noch 12 Tage" / "Nachfrist: noch 3 Tage" / "abgelaufen", counted in the browser from the ISO time. */
export function CountdownText({
  status,
  validUntil,
  graceUntil,
  holdOpen = false,
}: {
  status: ProtectionStatus | null;
  validUntil: string | null;
  graceUntil: string | null;
  holdOpen?: boolean;
}) {
  const t = useTranslations("leads.countdown");
  const now = useNow();
  const target = nextDeadline({ status, validUntil, graceUntil });
  let text: string;
  if (status === "EXPIRED") text = t("expired");
  else if (!status || !target) text = "–";
  else if (now === null) text = "";
  else {
    const left = countdown(target, now);
    const remaining = left.unit === "passed" ? t("passed") : t(left.unit, { count: left.count });
    text = status === "GRACE" ? t("grace", { remaining }) : remaining;
  }
  return (
    <Stack direction="row" spacing={0.5} component="span" sx={{ alignItems: "center" }}>
      <Typography component="span" variant="body2">
        {text}
      </Typography>
      {holdOpen && status !== "EXPIRED" && (
        <PauseCircleOutlined fontSize="small" color="action" titleAccess={t("paused")} aria-hidden={false} />
      )}
    </Stack>
  );
}
