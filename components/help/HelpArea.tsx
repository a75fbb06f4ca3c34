"use client";

import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import MenuBookOutlined from "@mui/icons-material/MenuBookOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/links";
import { HeadRow } from "@/components/ui/TableParts";
import { useActionForm } from "@/components/ui/useActionForm";
import { addHelpSynonymAction, removeHelpSynonymAction } from "@/lib/help/actions";
import { helpForms, type TContentGap, type THelpArticle, type TSnippetPart } from "@/lib/help/schemas";

import { AskBox } from "./AskBox";
import { DraftWithAi } from "./DraftWithAi";
import { GuideList } from "./GuideList";
import { HelpAnalytics } from "./HelpAnalytics";
import { useHelpSearch } from "./helpQueries";

const TABS = ["articles", "search", "ask", "guides", "gaps", "analytics", "synonyms"] as const;
/** The tabs every reader has; the others are the editors'. */
const READER_TABS: readonly string[] = ["articles", "search", "ask", "guides"];
type TabName = (typeof TABS)[number];

export const STATUS_COLOR = {
  DRAFT: "default",
  IN_REVIEW: "warning",
  PUBLISHED: "success",
  ARCHIVED: "default",
} as const;

export function HelpArea({
  orgSlug,
  editor,
  articles,
  gaps,
  synonyms,
  initialTab,
}: {
  orgSlug: string;
  editor: boolean;
  articles: THelpArticle[];
  gaps: TContentGap[];
  synonyms: { id: string; term: string; expansion: string }[];
  initialTab?: string;
}) {
  const t = useTranslations("help");
  const tabs = TABS.filter((name) => editor || READER_TABS.includes(name));
  const [tab, setTab] = useState<TabName>(
    tabs.includes(initialTab as TabName) ? (initialTab as TabName) : "articles",
  );
  return (
    <Stack spacing={2}>
      <Tabs
        value={tab}
        onChange={(_, value: TabName) => setTab(value)}
        variant="scrollable"
        allowScrollButtonsMobile
      >
        {tabs.map((name) => (
          <Tab
            key={name}
            value={name}
            label={t(`tabs.${name}`)}
            id={`help-tab-${name}`}
            aria-controls={`help-panel-${name}`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`help-panel-${tab}`} aria-labelledby={`help-tab-${tab}`}>
        {tab === "articles" && <ArticleTable orgSlug={orgSlug} editor={editor} articles={articles} />}
        {tab === "search" && <SearchBox orgSlug={orgSlug} />}
        {tab === "ask" && <AskBox orgSlug={orgSlug} />}
        {tab === "guides" && <GuideList orgSlug={orgSlug} />}
        {tab === "gaps" && <Gaps orgSlug={orgSlug} gaps={gaps} />}
        {tab === "analytics" && <HelpAnalytics orgSlug={orgSlug} />}
        {tab === "synonyms" && <Synonyms orgSlug={orgSlug} synonyms={synonyms} />}
      </Box>
    </Stack>
  );
}

function ArticleTable({
  orgSlug,
  editor,
  articles,
}: {
  orgSlug: string;
  editor: boolean;
  articles: THelpArticle[];
}) {
  const t = useTranslations("help");
  if (articles.length === 0)
    return (
      <EmptyState icon={<MenuBookOutlined />} title={editor ? t("table.empty") : t("table.emptyReader")} />
    );
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small">
        <HeadRow
          titles={[
            t("table.title"),
            t("table.space"),
            t("table.locale"),
            t("table.status"),
            t("table.helpfulness"),
          ]}
        />
        <TableBody>
          {articles.map((a) => (
            <TableRow key={a.id} hover>
              <TableCell>
                <Link component={NextLink} href={`/${orgSlug}/help/articles/${a.id}`}>
                  {a.title}
                </Link>
              </TableCell>
              <TableCell>{t(`space.${a.space}`)}</TableCell>
              <TableCell>{t(`locale.${a.locale}`)}</TableCell>
              <TableCell>
                <Chip size="small" label={t(`status.${a.status}`)} color={STATUS_COLOR[a.status]} />
              </TableCell>
              <TableCell>
                {a.votes === 0
                  ? t("table.noVotes")
                  : t("table.helpfulValue", { helpful: a.helpful, votes: a.votes })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Hits' snippets as text; `hit` parts in <mark>. Never HTML from the server. */
export function Snippet({ parts }: { parts: TSnippetPart[] }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </Typography>
  );
}

function SearchBox({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("help");
  const [q, setQ] = useState("");
  const search = useHelpSearch(orgSlug, q);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget).get("q") ?? "").trim());
  };
  return (
    <Stack spacing={2}>
      <Stack component="form" role="search" onSubmit={onSubmit} direction="row" spacing={1}>
        <TextField
          name="q"
          label={t("search.label")}
          size="small"
          fullWidth
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
        <Button type="submit" variant="contained">
          {t("search.submit")}
        </Button>
      </Stack>
      <Box aria-live="polite">
        {search.isError && <Alert severity="error">{search.error.message}</Alert>}
        {search.data && search.data.expandedWith.length > 0 && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            {t("search.expanded", { terms: search.data.expandedWith.join(", ") })}
          </Typography>
        )}
        {search.data && search.data.items.length === 0 && (
          <Typography color="text.secondary">{t("search.none", { query: search.data.query })}</Typography>
        )}
        <Stack spacing={1.5} component="ol" sx={{ listStyle: "none", p: 0, m: 0 }}>
          {search.data?.items.map((hit) => (
            <Box component="li" key={hit.id}>
              <Link component={NextLink} href={`/${orgSlug}/help/articles/${hit.id}`} variant="subtitle1">
                {hit.title}
              </Link>{" "}
              <Chip
                size="small"
                variant="outlined"
                label={`${t(`space.${hit.space}`)} · ${t(`locale.${hit.locale}`)}`}
              />
              <Snippet parts={hit.snippet} />
            </Box>
          ))}
        </Stack>
      </Box>
    </Stack>
  );
}

/** Cells a phone leaves out (their content moves into the row's first cell). */
const WIDE_ONLY = { display: { xs: "none", sm: "table-cell" } } as const;

function Gaps({ orgSlug, gaps }: { orgSlug: string; gaps: TContentGap[] }) {
  const t = useTranslations("help.gaps");
  const format = useFormatter();
  if (gaps.length === 0) return <EmptyState title={t("empty")} />;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Typography variant="subtitle1" component="h2" sx={{ p: 2, pb: 0 }}>
        {t("title")}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("query")}</TableCell>
            <TableCell sx={WIDE_ONLY}>{t("count")}</TableCell>
            <TableCell sx={WIDE_ONLY}>{t("lastAt")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {gaps.map((g) => (
            <TableRow key={g.query}>
              <TableCell sx={{ overflowWrap: "break-word", minWidth: 140 }}>
                {g.wording}
                {/* On a phone the count and the date stand under the wording, not in columns of their own. */}
                <Typography variant="body2" color="text.secondary" sx={{ display: { sm: "none" } }}>
                  {t("summary", {
                    count: g.count,
                    date: format.dateTime(new Date(g.lastAt), { dateStyle: "medium" }),
                  })}
                </Typography>
              </TableCell>
              <TableCell sx={WIDE_ONLY}>{g.count}</TableCell>
              <TableCell sx={WIDE_ONLY}>
                {format.dateTime(new Date(g.lastAt), { dateStyle: "medium" })}
              </TableCell>
              <TableCell>
                <Stack
                  direction={{ xs: "column", md: "row" }}
                  spacing={1}
                  sx={{ alignItems: { xs: "flex-start", md: "center" }, whiteSpace: "nowrap" }}
                >
                  <ButtonLink
                    size="small"
                    href={`/${orgSlug}/help/new?${new URLSearchParams({ title: g.wording, locale: g.locale })}`}
                  >
                    {t("draft")}
                  </ButtonLink>
                  <DraftWithAi orgSlug={orgSlug} topic={g.wording} locale={g.locale} />
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Synonyms({
  orgSlug,
  synonyms,
}: {
  orgSlug: string;
  synonyms: { id: string; term: string; expansion: string }[];
}) {
  const t = useTranslations("help.synonyms");
  const router = useRouter();
  const form = useActionForm(addHelpSynonymAction.bind(null, orgSlug), {
    schema: helpForms.synonym,
    onOk: () => router.refresh(),
  });
  const remove = useActionForm(removeHelpSynonymAction.bind(null, orgSlug), {
    schema: helpForms.removeSynonym,
    onOk: () => router.refresh(),
  });
  return (
    <Stack spacing={2}>
      <Stack
        component="form"
        onSubmit={form.onSubmit}
        direction={{ xs: "column", sm: "row" }}
        spacing={1}
        sx={{ alignItems: { sm: "flex-start" } }}
      >
        <TextField label={t("term")} size="small" {...form.field("term")} />
        <TextField label={t("expansion")} size="small" {...form.field("expansion")} />
        <Button type="submit" variant="outlined" disabled={form.pending}>
          {t("add")}
        </Button>
      </Stack>
      {(form.message || remove.message) && <Alert severity="error">{form.message ?? remove.message}</Alert>}
      {synonyms.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <HeadRow titles={[t("term"), t("expansion")]} actions />
            <TableBody>
              {synonyms.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>{s.term}</TableCell>
                  <TableCell>{s.expansion}</TableCell>
                  <TableCell align="right">
                    <form onSubmit={remove.onSubmit}>
                      <input type="hidden" name="id" value={s.id} />
                      <IconButton
                        type="submit"
                        size="small"
                        aria-label={t("remove", { term: s.term })}
                        disabled={remove.pending}
                      >
                        <DeleteOutlined fontSize="small" />
                      </IconButton>
                    </form>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
