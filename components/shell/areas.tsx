import AssessmentOutlined from "@mui/icons-material/AssessmentOutlined";
import HelpCenterOutlined from "@mui/icons-material/HelpCenterOutlined";
import HubOutlined from "@mui/icons-material/HubOutlined";
import Inventory2Outlined from "@mui/icons-material/Inventory2Outlined";
import MonitorHeartOutlined from "@mui/icons-material/MonitorHeartOutlined";
import PeopleOutlined from "@mui/icons-material/PeopleOutlined";
import PsychologyOutlined from "@mui/icons-material/PsychologyOutlined";
import ReceiptLongOutlined from "@mui/icons-material/ReceiptLongOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import type { ReactNode } from "react";

/** Every area of the product, in navigation order. Each is a page under /[org]/<id>. */
export const AREAS = [
  "leads",
  "samples",
  "ai",
  "integrations",
  "help",
  "system",
  "settings",
  "members",
  "audit",
] as const;
export type Area = (typeof AREAS)[number];

/** Areas in the navigation of admins only (the page itself checks again). */
export const ADMIN_AREAS: readonly Area[] = ["members"];

export const AREA_ICONS: Record<Area, ReactNode> = {
  leads: <AssessmentOutlined />,
  samples: <Inventory2Outlined />,
  ai: <PsychologyOutlined />,
  integrations: <HubOutlined />,
  help: <HelpCenterOutlined />,
  system: <MonitorHeartOutlined />,
  settings: <SettingsOutlined />,
  members: <PeopleOutlined />,
  audit: <ReceiptLongOutlined />,
};
