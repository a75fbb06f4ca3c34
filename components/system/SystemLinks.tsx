"use client";

import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * The System area's pages, as links under its heading: one entry per page (its path under
 * /[org]/system and its label's key in systemOps.links). A new page adds one line here.
 */
export const SYSTEM_LINKS = [
  { path: "", label: "jobs" },
  { path: "/kpis", label: "kpis" },
  { path: "/logs", label: "logs" },
  { path: "/health", label: "health" },
  { path: "/backups", label: "backups" },
  { path: "/alerts", label: "alerts" },
] as const;

export function SystemLinks({ orgSlug, current }: { orgSlug: string; current: string }) {
  const t = useTranslations("systemOps.links");
  return (
    <Stack
      component="nav"
      aria-label="System"
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: "wrap", mb: 3 }}
    >
      {SYSTEM_LINKS.map((link) => (
        <Button
          key={link.label}
          component={Link}
          href={`/${orgSlug}/system${link.path}`}
          variant={link.path === current ? "contained" : "outlined"}
          size="small"
          aria-current={link.path === current ? "page" : undefined}
        >
          {t(link.label)}
        </Button>
      ))}
    </Stack>
  );
}
