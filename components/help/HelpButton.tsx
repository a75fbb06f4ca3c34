"use client";

import CloseOutlined from "@mui/icons-material/CloseOutlined";
import HelpOutlineOutlined from "@mui/icons-material/HelpOutlineOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Drawer from "@mui/material/Drawer";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";

import { helpFeedbackAction } from "@/lib/help/actions";
import type { TContextHelp, THelpLocale } from "@/lib/help/schemas";
import type { ActionState } from "@/lib/http/action";

import { AskBox } from "./AskBox";
import { helpKeys, useContextHelp } from "./helpQueries";
import { Markdown } from "./Markdown";

/**
 * Contextual help: a small "?" beside a section that opens a drawer with the published article for
 * `helpKey` in the reader's language (else the other one, marked), and "Was this helpful?". The
 * article is fetched only when the drawer opens, so a page carrying help keys costs nothing more.
 */
export function HelpButton({ helpKey, size = "small" }: { helpKey: string; size?: "small" | "medium" }) {
  const t = useTranslations("help");
  const [open, setOpen] = useState(false);
  const headingId = useId();
  // Message keys are nested at dots, so the help key's dots become underscores here.
  const topicKey = `topics.${helpKey.replaceAll(".", "_")}`;
  const topic = t.has(topicKey as never) ? t(topicKey as never) : helpKey;
  return (
    <>
      <Tooltip title={t("drawer.open", { topic })}>
        <IconButton
          size={size}
          aria-label={t("drawer.open", { topic })}
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
          data-help-key={helpKey}
        >
          <HelpOutlineOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* Above the app bar (which sits above the navigation drawer), as a dialog should. */}
      <Drawer
        anchor="right"
        open={open}
        onClose={() => setOpen(false)}
        sx={{ zIndex: (theme) => theme.zIndex.modal }}
        // The drawer's paper is the dialog; its heading names it.
        slotProps={{ paper: { "aria-labelledby": headingId } }}
      >
        {open && (
          <HelpDrawerContent
            helpKey={helpKey}
            headingId={headingId}
            heading={t("drawer.open", { topic })}
            onClose={() => setOpen(false)}
          />
        )}
      </Drawer>
    </>
  );
}

function HelpDrawerContent({
  helpKey,
  headingId,
  heading,
  onClose,
}: {
  helpKey: string;
  headingId: string;
  /** What the drawer is titled until (and unless) an article gives it its title. */
  heading: string;
  onClose: () => void;
}) {
  const t = useTranslations("help");
  const { org } = useParams<{ org: string }>();
  const locale = (useLocale() === "en" ? "en" : "de") as THelpLocale;
  const query = useContextHelp(org, helpKey, locale, true);
  const help = query.data;
  return (
    <Box sx={{ width: { xs: "100vw", sm: 480 }, maxWidth: "100vw", p: { xs: 2, sm: 3 } }}>
      <Stack direction="row" sx={{ alignItems: "flex-start", justifyContent: "space-between", gap: 1 }}>
        <Typography variant="h6" component="h2" id={headingId}>
          {help?.article?.title ?? heading}
        </Typography>
        <IconButton aria-label={t("drawer.close")} onClick={onClose}>
          <CloseOutlined />
        </IconButton>
      </Stack>
      {query.isPending && (
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mt: 2 }} role="status">
          <CircularProgress size={20} />
          <Typography>{t("drawer.loading")}</Typography>
        </Stack>
      )}
      {query.isError && <Alert severity="error">{t("drawer.failed")}</Alert>}
      {help && !help.article && (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t("drawer.none")}
        </Typography>
      )}
      {help?.article && (
        <>
          {help.fallback && (
            <Alert severity="info" sx={{ my: 1 }}>
              {t("drawer.fallback", { locale: t(`locale.${help.article.locale}`) })}
            </Alert>
          )}
          <Box lang={help.article.locale}>
            <Markdown text={help.article.bodyMd} />
          </Box>
          <Feedback orgSlug={org} help={help} locale={locale} />
        </>
      )}
      {help && (
        <Box sx={{ mt: 3, pt: 2, borderTop: 1, borderColor: "divider" }}>
          <AskBox orgSlug={org} compact />
        </Box>
      )}
    </Box>
  );
}

function Feedback({ orgSlug, help, locale }: { orgSlug: string; help: TContextHelp; locale: THelpLocale }) {
  const t = useTranslations("help.drawer");
  const queryClient = useQueryClient();
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ helpful: boolean }>, formData: FormData) => {
      const result = await helpFeedbackAction(orgSlug, previous, formData);
      if (result.status === "ok")
        await queryClient.invalidateQueries({ queryKey: helpKeys.context(orgSlug, help.key, locale) });
      return result;
    },
    { status: "idle" },
  );
  const article = help.article!;
  const vote = state.status === "ok" ? state.data.helpful : help.myVote?.helpful;
  return (
    <Box component="form" action={action} sx={{ mt: 3, pt: 2, borderTop: 1, borderColor: "divider" }}>
      <input type="hidden" name="articleId" value={article.id} />
      <Typography component="h3" variant="subtitle1" id="help-feedback-heading">
        {t("helpful")}
      </Typography>
      <TextField
        name="comment"
        label={t("comment")}
        size="small"
        fullWidth
        multiline
        minRows={2}
        sx={{ my: 1 }}
        defaultValue={help.myVote?.comment ?? ""}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <Stack direction="row" spacing={1} role="group" aria-labelledby="help-feedback-heading">
        <Button
          type="submit"
          name="helpful"
          value="true"
          variant={vote === true ? "contained" : "outlined"}
          aria-pressed={vote === true}
          disabled={pending}
        >
          {t("yes")}
        </Button>
        <Button
          type="submit"
          name="helpful"
          value="false"
          variant={vote === false ? "contained" : "outlined"}
          aria-pressed={vote === false}
          disabled={pending}
        >
          {t("no")}
        </Button>
      </Stack>
      <Box aria-live="polite" sx={{ mt: 1 }}>
        {state.status === "ok" && <Typography variant="body2">{t("thanks")}</Typography>}
        {state.status === "error" && <Alert severity="error">{state.message}</Alert>}
      </Box>
    </Box>
  );
}
