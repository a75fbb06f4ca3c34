"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { diffLines } from "diff";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import type { THelpVersion } from "@/lib/help/schemas";

import { useHelpVersions } from "./helpQueries";

/** An article's versions, newest first; each can show its line diff against the one before. */
export function Versions({ orgSlug, articleId }: { orgSlug: string; articleId: string }) {
  const t = useTranslations("help.versions");
  const format = useFormatter();
  const versions = useHelpVersions(orgSlug, articleId);
  const [shown, setShown] = useState<number | null>(null);
  const list = versions.data ?? [];
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="help-versions"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h6" component="h2" id="help-versions" gutterBottom>
        {t("title")}
      </Typography>
      {versions.isError && <Alert severity="error">{versions.error.message}</Alert>}
      <Stack component="ol" spacing={1} sx={{ listStyle: "none", p: 0, m: 0 }}>
        {list.map((v, i) => (
          <Box component="li" key={v.number}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="body2">
                {t("by", {
                  number: v.number,
                  author: v.authorName ?? t("unknownAuthor"),
                  at: format.dateTime(new Date(v.createdAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </Typography>
              {list[i + 1] && (
                <Button
                  size="small"
                  onClick={() => setShown(shown === v.number ? null : v.number)}
                  aria-expanded={shown === v.number}
                >
                  {t("compare")}
                </Button>
              )}
            </Stack>
            {shown === v.number && list[i + 1] && <Diff from={list[i + 1]} to={v} />}
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

function Diff({ from, to }: { from: THelpVersion; to: THelpVersion }) {
  const t = useTranslations("help.versions");
  const parts = diffLines(`# ${from.title}\n\n${from.bodyMd}\n`, `# ${to.title}\n\n${to.bodyMd}\n`);
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="caption">{t("diff", { from: from.number, to: to.number })}</Typography>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, overflowX: "auto", fontSize: 13, bgcolor: "action.hover", borderRadius: "4px" }}
      >
        {parts.map((part, i) =>
          part.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line, j) => (
              <Box
                key={`${i}-${j}`}
                component={part.added ? "ins" : part.removed ? "del" : "span"}
                sx={{
                  display: "block",
                  textDecoration: "none",
                  bgcolor: part.added ? "success.light" : part.removed ? "error.light" : undefined,
                }}
              >
                {part.added ? "+ " : part.removed ? "- " : "  "}
                {line}
              </Box>
            )),
        )}
      </Box>
    </Box>
  );
}
