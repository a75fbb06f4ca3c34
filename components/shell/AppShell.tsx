"use client";

import HomeOutlined from "@mui/icons-material/HomeOutlined";
import Logout from "@mui/icons-material/Logout";
import MenuIcon from "@mui/icons-material/Menu";
import AppBar from "@mui/material/AppBar";
import Chip from "@mui/material/Chip";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Drawer from "@mui/material/Drawer";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Toolbar from "@mui/material/Toolbar";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";

import { setLocaleAction, signOutAction } from "@/lib/auth/actions";
import type { TRole } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/config";

import { NotificationBell } from "@/components/overview/NotificationBell";
import { useOverviewCounts } from "@/components/overview/overviewQueries";

import { ADMIN_AREAS, AREAS, AREA_ICONS } from "./areas";
import { RouteFocus } from "./RouteFocus";

const DRAWER_WIDTH = 240;
const MAIN_ID = "main";

export interface ShellProps {
  user: { name: string; email: string };
  org: { slug: string; name: string; role: TRole };
  orgs: { slug: string; name: string }[];
  children: ReactNode;
}

export function AppShell({ user, org, orgs, children }: ShellProps) {
  const t = useTranslations();
  const pathname = usePathname();
  const router = useRouter();
  const locale = useLocale();
  const [mobileOpen, setMobileOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  // Decisions waiting for a manager, as a badge on the leads item (null for who does not decide).
  const decisionsWaiting = useOverviewCounts(org.slug).data?.decisionsWaiting ?? 0;

  const base = `/${org.slug}`;
  const navigation = (
    <nav aria-label={t("shell.navigation")}>
      <List>
        <NavItem
          href={base}
          selected={pathname === base}
          icon={<HomeOutlined />}
          label={t("nav.home")}
          onNavigate={() => setMobileOpen(false)}
        />
        {AREAS.filter((area) => org.role === "admin" || !ADMIN_AREAS.includes(area)).map((area) => (
          <NavItem
            key={area}
            href={`${base}/${area}`}
            selected={pathname.startsWith(`${base}/${area}`)}
            icon={AREA_ICONS[area]}
            label={t(`nav.${area}`)}
            badge={area === "leads" && decisionsWaiting > 0 ? decisionsWaiting : undefined}
            badgeLabel={t("shell.decisionsWaiting", { count: decisionsWaiting })}
            onNavigate={() => setMobileOpen(false)}
          />
        ))}
      </List>
    </nav>
  );

  const switchLocale = (next: string) =>
    startTransition(async () => {
      await setLocaleAction(org.slug, next);
      router.refresh();
    });

  return (
    <Box sx={{ display: "flex", minHeight: "100vh" }}>
      {/* The first Tab stop: past the bar and the navigation, straight to the page. */}
      <Box
        component="a"
        href={`#${MAIN_ID}`}
        sx={{
          position: "fixed",
          top: 8,
          left: 8,
          zIndex: (theme) => theme.zIndex.tooltip + 1,
          px: 2,
          py: 1,
          borderRadius: 1,
          bgcolor: "background.paper",
          color: "primary.main",
          fontWeight: 600,
          boxShadow: 3,
          transform: "translateY(-200%)",
          "&:focus": { transform: "none" },
        }}
      >
        {t("shell.skipToContent")}
      </Box>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          <IconButton
            color="inherit"
            edge="start"
            aria-label={t("shell.openNavigation")}
            onClick={() => setMobileOpen(true)}
            sx={{ display: { md: "none" } }}
          >
            <MenuIcon />
          </IconButton>
          <Typography
            variant="h6"
            component={Link}
            href={base}
            sx={{
              color: "inherit",
              textDecoration: "none",
              whiteSpace: "nowrap",
              display: { xs: "none", sm: "block" },
            }}
          >
            {t("app.name")}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <TextField
              select
              size="small"
              label={t("shell.organisation")}
              value={org.slug}
              onChange={(e) => router.push(`/${e.target.value}${pathname.slice(base.length)}`)}
              // Narrow on a phone, so the bell and sign-out stay in the bar (a long name ends in "…").
              sx={{
                minWidth: { xs: 120, sm: 200 },
                maxWidth: { xs: 132, sm: 320 },
                bgcolor: "background.paper",
                borderRadius: 1,
              }}
              slotProps={{ htmlInput: { "data-testid": "org-switch" } }}
            >
              {orgs.map((o) => (
                <MenuItem key={o.slug} value={o.slug}>
                  {o.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t("shell.language")}
              value={locale}
              disabled={pending}
              onChange={(e) => switchLocale(e.target.value)}
              sx={{ minWidth: 80, bgcolor: "background.paper", borderRadius: 1 }}
              slotProps={{ htmlInput: { "data-testid": "locale-switch" } }}
            >
              {LOCALES.map((l) => (
                <MenuItem key={l} value={l}>
                  {l.toUpperCase()}
                </MenuItem>
              ))}
            </TextField>
            <NotificationBell orgSlug={org.slug} />
            <Box sx={{ display: { xs: "none", lg: "block" }, textAlign: "right", lineHeight: 1.2 }}>
              <Typography variant="body2" data-testid="current-user">
                {user.name}
              </Typography>
              <Typography variant="caption">{t(`roles.${org.role}`)}</Typography>
            </Box>
            <form action={signOutAction}>
              <Tooltip title={t("shell.signOut")}>
                <IconButton type="submit" color="inherit" aria-label={t("shell.signOut")}>
                  <Logout />
                </IconButton>
              </Tooltip>
            </form>
          </Stack>
        </Toolbar>
      </AppBar>

      <Drawer
        variant="temporary"
        open={mobileOpen}
        onClose={() => setMobileOpen(false)}
        sx={{ display: { xs: "block", md: "none" }, "& .MuiDrawer-paper": { width: DRAWER_WIDTH } }}
      >
        <Toolbar />
        <Divider />
        {navigation}
      </Drawer>
      <Drawer
        variant="permanent"
        sx={{
          display: { xs: "none", md: "block" },
          width: DRAWER_WIDTH,
          flexShrink: 0,
          "& .MuiDrawer-paper": { width: DRAWER_WIDTH, boxSizing: "border-box" },
        }}
        open
      >
        <Toolbar />
        {navigation}
      </Drawer>

      <Box
        component="main"
        id={MAIN_ID}
        // Focusable for the skip link's jump (not a Tab stop); neither it nor the heading focused
        // after a navigation draws an outline.
        tabIndex={-1}
        sx={{
          flexGrow: 1,
          p: { xs: 2, md: 3 },
          minWidth: 0,
          "&:focus, & h1[tabindex='-1']:focus": { outline: "none" },
        }}
      >
        <Toolbar />
        <RouteFocus mainId={MAIN_ID} />
        {children}
      </Box>
    </Box>
  );
}

function NavItem(props: {
  href: string;
  selected: boolean;
  icon: ReactNode;
  label: string;
  /** A number beside the label (the decisions waiting on the leads item), and what it counts. */
  badge?: number;
  badgeLabel?: string;
  onNavigate: () => void;
}) {
  // The link inside a list item: a list holds only items (axe's "list" rule).
  return (
    <ListItem disablePadding>
      <ListItemButton
        component={Link}
        href={props.href}
        selected={props.selected}
        aria-current={props.selected ? "page" : undefined}
        aria-description={props.badge !== undefined ? props.badgeLabel : undefined}
        onClick={props.onNavigate}
      >
        <ListItemIcon>{props.icon}</ListItemIcon>
        <ListItemText primary={props.label} />
        {props.badge !== undefined && (
          // Shown, but not part of the link's name ("Leads"): screen readers hear it as its description.
          <Chip
            size="small"
            color="error"
            label={props.badge > 99 ? "99+" : props.badge}
            aria-hidden
            data-testid="nav-badge"
          />
        )}
      </ListItemButton>
    </ListItem>
  );
}
