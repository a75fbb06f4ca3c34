"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import Inventory2Outlined from "@mui/icons-material/Inventory2Outlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { EmptyState } from "@/components/ui/EmptyState";

import { BoxCard } from "./BoxCard";
import { BoxConfigurator } from "./BoxConfigurator";
import { useLeadSamples, type LeadSamples as TLeadSamples } from "./sampleQueries";

/**
 * The lead page's Samples section: its boxes, newest first, each with its next steps, test phases,
 * links and feedback; and "configure a box". What the viewer may not do is not offered (the service
 * decides again, and its refusal is shown in words).
 */
export function LeadSamples({
  orgSlug,
  leadId,
  initial,
}: {
  orgSlug: string;
  leadId: string;
  initial: TLeadSamples;
}) {
  const t = useTranslations("samples.admin");
  const query = useLeadSamples(orgSlug, leadId, initial);
  const samples = query.data;
  const [configuring, setConfiguring] = useState(false);

  return (
    <Stack spacing={2}>
      {samples.canConfigure ? (
        <Stack direction="row">
          <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setConfiguring(true)}>
            {t("configure")}
          </Button>
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t("readOnly")}
        </Typography>
      )}
      {query.error && <Alert severity="error">{query.error.message}</Alert>}
      {samples.boxes.length === 0 ? (
        <EmptyState icon={<Inventory2Outlined />} title={t("empty")}>
          {samples.canConfigure ? t("emptyHint") : null}
        </EmptyState>
      ) : (
        samples.boxes.map((box) => (
          <BoxCard key={box.id} orgSlug={orgSlug} box={box} canConfigure={samples.canConfigure} />
        ))
      )}
      {samples.canConfigure && (
        <BoxConfigurator
          orgSlug={orgSlug}
          leadId={leadId}
          products={samples.products}
          open={configuring}
          onClose={() => setConfiguring(false)}
        />
      )}
    </Stack>
  );
}
