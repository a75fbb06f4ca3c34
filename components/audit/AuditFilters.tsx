import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { ButtonLink } from "@/components/ui/links";
import {
  actionLabelKey,
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  AUDIT_RESOURCE_TYPES,
  isKnownAction,
} from "@/lib/audit/actions";
import { AUDIT_EXPORT_CAP, type FILTER_KEYS } from "@/lib/audit/schemas";

type FilterKey = (typeof FILTER_KEYS)[number];

/** Whether the filter's action is one the select offers (empty, a group's prefix or an action). */
function knownActionFilter(value: string): boolean {
  return value === "" || AUDIT_ACTION_GROUPS.some((g) => value === `${g}.`) || isKnownAction(value);
}

export interface ActorOption {
  value: string;
  label: string;
}

/**
 * The audit page's filters: a plain GET form, so the filters live in the URL (bookmarkable,
 * shareable, back button), it works without JavaScript and every field is reachable by keyboard.
 */
export async function AuditFilters({
  orgSlug,
  values,
  fieldErrors,
  actors,
  exportHref,
}: {
  orgSlug: string;
  values: Record<FilterKey, string>;
  fieldErrors: Record<string, string>;
  actors: ActorOption[];
  /** The CSV export of the current filters; absent when the reader may not export. */
  exportHref?: string;
}) {
  const t = await getTranslations("audit");
  const error = (key: FilterKey) => (fieldErrors[key] ? t(`invalidField.${key}`) : undefined);
  const field = (key: FilterKey) => ({
    id: `audit-filter-${key}`,
    name: key,
    label: t(key),
    defaultValue: values[key],
    error: Boolean(fieldErrors[key]),
    size: "small" as const,
  });
  const hasPagingError = Boolean(fieldErrors.before || fieldErrors.after);
  const hasErrors = Object.keys(fieldErrors).length > 0;

  return (
    <Paper
      component="form"
      method="get"
      action={`/${orgSlug}/audit`}
      role="search"
      aria-labelledby="audit-filters-title"
      variant="outlined"
      sx={{ p: 2, mb: 3 }}
    >
      <Typography id="audit-filters-title" variant="subtitle1" component="h2" gutterBottom>
        {t("filters")}
      </Typography>
      {hasErrors && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {t("invalid")}
          {hasPagingError && ` ${t("invalidField.before")}`}
        </Alert>
      )}
      <Stack direction={{ xs: "column", md: "row" }} spacing={2} useFlexGap sx={{ flexWrap: "wrap", mb: 2 }}>
        <TextField
          {...field("actor")}
          select
          helperText={error("actor")}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">{t("actorAll")}</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </TextField>
        <TextField
          {...field("action")}
          select
          helperText={error("action")}
          sx={{ minWidth: 260 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">{t("actionAll")}</option>
          {!knownActionFilter(values.action) && <option value={values.action}>{values.action}</option>}
          {AUDIT_ACTION_GROUPS.map((group) => (
            <optgroup key={group} label={t(`actionGroups.${group}`)}>
              <option value={`${group}.`}>
                {t("actionGroupAll", { group: t(`actionGroups.${group}`) })}
              </option>
              {AUDIT_ACTIONS.filter((action) => action.startsWith(`${group}.`)).map((action) => (
                <option key={action} value={action}>
                  {t(actionLabelKey(action))}
                </option>
              ))}
            </optgroup>
          ))}
        </TextField>
        <TextField
          {...field("resourceType")}
          select
          helperText={error("resourceType")}
          sx={{ minWidth: 200 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">{t("resourceTypeAll")}</option>
          {values.resourceType &&
            !(AUDIT_RESOURCE_TYPES as readonly string[]).includes(values.resourceType) && (
              <option value={values.resourceType}>{values.resourceType}</option>
            )}
          {AUDIT_RESOURCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`resources.${type}`)}
            </option>
          ))}
        </TextField>
        <TextField
          {...field("resourceId")}
          helperText={error("resourceId")}
          slotProps={{ htmlInput: { maxLength: 200, spellCheck: false } }}
        />
        <TextField
          {...field("from")}
          type="datetime-local"
          helperText={error("from") ?? t("timeHelp")}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          {...field("to")}
          type="datetime-local"
          helperText={error("to") ?? t("timeHelp")}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
        <Button type="submit" variant="contained">
          {t("apply")}
        </Button>
        <ButtonLink href={`/${orgSlug}/audit`}>{t("reset")}</ButtonLink>
        {exportHref && (
          <>
            {/* A plain link, not client navigation: the route answers with a file download. */}
            <Button href={exportHref} variant="outlined" startIcon={<FileDownloadOutlined />}>
              {t("export")}
            </Button>
            <Typography variant="caption" color="text.secondary">
              {t("exportHint", { max: AUDIT_EXPORT_CAP })}
            </Typography>
          </>
        )}
      </Stack>
    </Paper>
  );
}
