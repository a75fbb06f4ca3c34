"use client";

import Chip from "@mui/material/Chip";
import { useTranslations } from "next-intl";

import type { TBoxStatus } from "@/lib/samples/schemas";

const COLOUR = {
  CONFIGURED: "default",
  SHIPPED: "info",
  DELIVERED: "info",
  IN_TEST: "warning",
  FEEDBACK: "success",
  DECIDED: "success",
  CANCELLED: "default",
} as const;

/** A sample box's status, coloured by how far it got. */
export function BoxStatusChip({ status, size = "small" }: { status: TBoxStatus; size?: "small" | "medium" }) {
  const t = useTranslations("samples.admin.status");
  return (
    <Chip
      size={size}
      color={COLOUR[status]}
      variant={status === "CANCELLED" ? "outlined" : "filled"}
      label={t(status)}
    />
  );
}
