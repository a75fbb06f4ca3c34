"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import InputAdornment from "@mui/material/InputAdornment";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useState, useTransition } from "react";

import { clearSettingAction, setSettingAction } from "@/lib/settings/actions";
import type { TSettingRow, TSettingScope } from "@/lib/settings/schemas";

import { settingsRegistryKeys } from "./settingsRegistryQueries";
import { toFieldText, useSettingText } from "./settingsRegistryText";

/** One setting: what it means, its default, and per allowed scope its stored value and a form. */
export function SettingEditDialog({
  orgSlug,
  row,
  onClose,
}: {
  orgSlug: string;
  row: TSettingRow;
  onClose: () => void;
}) {
  const text = useSettingText();
  const { t } = text;
  const titleId = `setting-dialog-${row.key.replaceAll(".", "-")}`;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{text.label(row.key)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{text.help(row.key)}</DialogContentText>
        <Typography variant="body2" color="text.secondary">
          <code>{row.key}</code> · {t(`merge.${row.merge}`)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t("allowedScopes", { scopes: row.scopes.map((s) => text.scope(s)).join(", ") })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t("defaultValue", { value: text.value(row.defaultValue, row.input) })}
        </Typography>
        {row.scopes.map((scope) => (
          <ScopeSection key={scope} orgSlug={orgSlug} row={row} scope={scope} />
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("close")}</Button>
      </DialogActions>
    </Dialog>
  );
}

function ScopeSection({ orgSlug, row, scope }: { orgSlug: string; row: TSettingRow; scope: TSettingScope }) {
  const text = useSettingText();
  const { t } = text;
  const stored = row.stored[scope];
  const headingId = `setting-scope-${row.key.replaceAll(".", "-")}-${scope}`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      sx={{ mt: 2, pt: 2, borderTop: 1, borderColor: "divider" }}
    >
      <Typography id={headingId} variant="subtitle2" component="h3">
        {text.scope(scope)}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {stored ? t("storedValue", { value: text.value(stored.value, row.input) }) : t("notStored")}
      </Typography>
      {row.editable.includes(scope) ? (
        <ScopeValueForm orgSlug={orgSlug} row={row} scope={scope} />
      ) : (
        <Typography variant="caption" color="text.secondary">
          {t("readOnly")}
        </Typography>
      )}
    </Box>
  );
}

function ScopeValueForm({
  orgSlug,
  row,
  scope,
}: {
  orgSlug: string;
  row: TSettingRow;
  scope: TSettingScope;
}) {
  const { t } = useSettingText();
  const queryClient = useQueryClient();
  const [state, formAction, saving] = useActionState(setSettingAction.bind(null, orgSlug), {
    status: "idle",
  });
  const stored = row.stored[scope];
  // Controlled, so a refused value stays in the field for correcting (React resets uncontrolled ones).
  const [value, setValue] = useState(() => toFieldText(stored ? stored.value : row.effective.value));
  const [clearing, startClear] = useTransition();
  const [clearResult, setClearResult] = useState<{ ok: boolean; message: string } | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsRegistryKeys.list(orgSlug) });

  useEffect(() => {
    if (state.status === "ok")
      void queryClient.invalidateQueries({ queryKey: settingsRegistryKeys.list(orgSlug) });
  }, [state, orgSlug, queryClient]);

  const clear = () =>
    startClear(async () => {
      const result = await clearSettingAction(orgSlug, { key: row.key, scope });
      if (result.status === "ok") {
        setValue(toFieldText(result.data.effective.value));
        setClearResult({ ok: true, message: t("cleared") });
      } else if (result.status === "error") {
        setClearResult({ ok: false, message: result.message });
      }
      await refresh();
    });

  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const fieldError = fieldErrors.value ?? fieldErrors.scope ?? fieldErrors.key;
  const formMessage = state.status === "error" && !fieldError ? state.message : null;

  return (
    <Box component="form" action={formAction} onSubmit={() => setClearResult(null)} noValidate>
      <input type="hidden" name="key" value={row.key} />
      <input type="hidden" name="scope" value={scope} />
      <ValueField row={row} value={value} onChange={setValue} error={fieldError} />
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: "center" }}>
        <Button type="submit" variant="contained" size="small" disabled={saving || clearing}>
          {saving ? t("saving") : t("save")}
        </Button>
        {stored && (
          <Button type="button" size="small" color="warning" onClick={clear} disabled={saving || clearing}>
            {t("clear")}
          </Button>
        )}
        {state.status === "ok" && !clearResult && !saving && (
          <Typography role="status" variant="body2" color="success.main">
            {t("saved")}
          </Typography>
        )}
        {clearResult?.ok && (
          <Typography role="status" variant="body2" color="success.main">
            {clearResult.message}
          </Typography>
        )}
      </Stack>
      {formMessage && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {formMessage}
        </Alert>
      )}
      {clearResult && !clearResult.ok && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {clearResult.message}
        </Alert>
      )}
    </Box>
  );
}

/** The input for one value, by the registry's control; always submits the text as `value`. */
function ValueField({
  row,
  value,
  onChange,
  error,
}: {
  row: TSettingRow;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const text = useSettingText();
  const { t } = text;
  const { input } = row;
  const hint =
    input.unit === "duration"
      ? t("hints.duration")
      : input.nullable
        ? t("hints.nullable")
        : input.unit === "ratio"
          ? t("hints.ratio")
          : row.merge === "append"
            ? t("hints.append")
            : " ";

  if (input.control === "multiselect") {
    const options = input.options ?? [];
    const selected = new Set(value.split(",").filter(Boolean));
    const toggle = (option: string) => {
      const next = new Set(selected);
      if (next.has(option)) next.delete(option);
      else next.add(option);
      onChange(options.filter((o) => next.has(o)).join(","));
    };
    return (
      <FormControl component="fieldset" error={Boolean(error)} variant="standard">
        <FormLabel component="legend">{t("value")}</FormLabel>
        <FormGroup row>
          {options.map((option) => (
            <FormControlLabel
              key={option}
              label={text.option(option)}
              control={
                <Checkbox size="small" checked={selected.has(option)} onChange={() => toggle(option)} />
              }
            />
          ))}
        </FormGroup>
        <input type="hidden" name="value" value={value} />
        <FormHelperText>{error ?? hint}</FormHelperText>
      </FormControl>
    );
  }

  if (input.control === "select") {
    return (
      <TextField
        select
        name="value"
        label={t("value")}
        size="small"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={Boolean(error)}
        helperText={error ?? hint}
        sx={{ minWidth: 280 }}
      >
        {(input.options ?? []).map((option) => (
          <MenuItem key={option} value={option}>
            {text.option(option)}
          </MenuItem>
        ))}
      </TextField>
    );
  }

  const unit =
    input.unit && input.unit !== "duration" && input.unit !== "ratio" ? text.unit(input.unit) : null;
  return (
    <TextField
      name="value"
      label={t("value")}
      size="small"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error)}
      helperText={error ?? hint}
      multiline={input.control === "json"}
      minRows={input.control === "json" ? 3 : undefined}
      sx={{ minWidth: 280 }}
      slotProps={{
        htmlInput: input.control === "number" ? { inputMode: "decimal" } : undefined,
        input: unit ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } : undefined,
      }}
    />
  );
}
