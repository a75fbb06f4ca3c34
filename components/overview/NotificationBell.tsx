"use client";

import DoneAllOutlined from "@mui/icons-material/DoneAllOutlined";
import DoneOutlined from "@mui/icons-material/DoneOutlined";
import NotificationsOutlined from "@mui/icons-material/NotificationsOutlined";
import Alert from "@mui/material/Alert";
import Badge from "@mui/material/Badge";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import Popover from "@mui/material/Popover";
import Stack from "@mui/material/Stack";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import NextLink from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";

import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/overview/actions";
import { notificationArgs, notificationHref, notificationKey } from "@/lib/overview/notifications";
import type { TNotification } from "@/lib/overview/schemas";

import { overviewKeys, useNotifications, useOverviewCounts } from "./overviewQueries";

/**
 * The header's bell: the caller's unread in-app notifications as a badge (polled), and on a click
 * the inbox: each notification in the reader's language with a link to what it is about, "mark
 * read" and "mark all read".
 */
export function NotificationBell({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("overview.inbox");
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const counts = useOverviewCounts(orgSlug);
  const unread = counts.data?.unreadNotifications ?? 0;
  const titleId = useId();
  const label = unread > 0 ? t("openWithCount", { count: unread }) : t("open");

  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="dialog"
          onClick={(e) => setAnchor(e.currentTarget)}
          data-testid="notification-bell"
        >
          <Badge badgeContent={unread} color="error" max={99}>
            <NotificationsOutlined />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
        transformOrigin={{ vertical: "top", horizontal: "right" }}
        slotProps={{
          paper: {
            role: "dialog",
            "aria-labelledby": titleId,
            sx: { width: { xs: "calc(100vw - 32px)", sm: 400 }, maxHeight: "70vh" },
          },
        }}
      >
        {anchor && <Inbox orgSlug={orgSlug} titleId={titleId} onNavigate={() => setAnchor(null)} />}
      </Popover>
    </>
  );
}

function Inbox({
  orgSlug,
  titleId,
  onNavigate,
}: {
  orgSlug: string;
  titleId: string;
  onNavigate: () => void;
}) {
  const t = useTranslations("overview.inbox");
  const queryClient = useQueryClient();
  const inbox = useNotifications(orgSlug, true);
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);

  const run = (mark: () => Promise<{ status: string }>) =>
    startTransition(async () => {
      const result = await mark();
      setFailed(result.status !== "ok");
      await queryClient.invalidateQueries({ queryKey: overviewKeys.org(orgSlug) });
    });

  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;
  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", px: 2, py: 1 }}>
        <Typography variant="subtitle1" component="h2" id={titleId}>
          {t("title")}
        </Typography>
        <Button
          size="small"
          startIcon={<DoneAllOutlined />}
          disabled={unread === 0 || pending}
          onClick={() => run(() => markAllNotificationsReadAction(orgSlug))}
        >
          {t("markAllRead")}
        </Button>
      </Stack>
      <Divider />
      {inbox.isPending && (
        <Box sx={{ display: "flex", justifyContent: "center", p: 3 }}>
          <CircularProgress size={24} />
        </Box>
      )}
      {(inbox.isError || failed) && (
        <Alert severity="error" sx={{ m: 2 }}>
          {t("failed")}
        </Alert>
      )}
      {inbox.isSuccess && items.length === 0 && (
        <Typography color="text.secondary" sx={{ p: 2 }}>
          {t("empty")}
        </Typography>
      )}
      {items.length > 0 && (
        <List dense disablePadding aria-labelledby={titleId}>
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              orgSlug={orgSlug}
              notification={n}
              busy={pending}
              onNavigate={() => {
                if (!n.readAt) run(() => markNotificationReadAction(orgSlug, n.id));
                onNavigate();
              }}
              onMarkRead={() => run(() => markNotificationReadAction(orgSlug, n.id))}
            />
          ))}
        </List>
      )}
    </Box>
  );
}

function NotificationItem({
  orgSlug,
  notification: n,
  busy,
  onNavigate,
  onMarkRead,
}: {
  orgSlug: string;
  notification: TNotification;
  busy: boolean;
  onNavigate: () => void;
  onMarkRead: () => void;
}) {
  const t = useTranslations("overview.inbox");
  const format = useFormatter();
  const key = `templates.${notificationKey(n.template)}`;
  const text = t.has(key as "templates.lead_expired")
    ? (t as unknown as (key: string, values: Record<string, string | number>) => string)(
        key,
        notificationArgs(n.payload),
      )
    : t("unknown");
  const href = notificationHref(orgSlug, n);
  const unread = !n.readAt;
  const body = (
    <ListItemText
      primary={text}
      secondary={`${format.relativeTime(new Date(n.createdAt))}${unread ? ` · ${t("unread")}` : ""}`}
      slotProps={{ primary: { sx: { fontWeight: unread ? 600 : 400 } } }}
    />
  );
  return (
    <ListItem
      disablePadding
      divider
      secondaryAction={
        unread ? (
          <Tooltip title={t("markRead")}>
            <IconButton
              edge="end"
              aria-label={`${t("markRead")}: ${text}`}
              disabled={busy}
              onClick={onMarkRead}
            >
              <DoneOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : undefined
      }
    >
      {href ? (
        <ListItemButton component={NextLink} href={href} onClick={onNavigate}>
          {body}
        </ListItemButton>
      ) : (
        <Box sx={{ px: 2, py: 0.5, width: "100%" }}>{body}</Box>
      )}
    </ListItem>
  );
}
