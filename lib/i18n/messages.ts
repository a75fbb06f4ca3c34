import type { Locale } from "./config";
import deAi from "./messages/de/ai.json";
import deApi from "./messages/de/api.json";
import deAudit from "./messages/de/audit.json";
import deCore from "./messages/de/core.json";
import deFeedback from "./messages/de/feedback.json";
import deFields from "./messages/de/fields.json";
import deIntegrations from "./messages/de/integrations.json";
import deCredit from "./messages/de/credit.json";
import deHelp from "./messages/de/help.json";
import deIntegrationsMonitor from "./messages/de/integrationsMonitor.json";
import deXentral from "./messages/de/xentral.json";
import deJobs from "./messages/de/jobs.json";
import deLeads from "./messages/de/leads.json";
import deMembers from "./messages/de/members.json";
import deOverview from "./messages/de/overview.json";
import deSamples from "./messages/de/samples.json";
import deSessions from "./messages/de/sessions.json";
import deSettingsRegistry from "./messages/de/settingsRegistry.json";
import deSystemKpis from "./messages/de/systemKpis.json";
import deSystemLogs from "./messages/de/systemLogs.json";
import deSystemOps from "./messages/de/systemOps.json";
import enAi from "./messages/en/ai.json";
import enApi from "./messages/en/api.json";
import enAudit from "./messages/en/audit.json";
import enCore from "./messages/en/core.json";
import enFeedback from "./messages/en/feedback.json";
import enFields from "./messages/en/fields.json";
import enIntegrations from "./messages/en/integrations.json";
import enCredit from "./messages/en/credit.json";
import enHelp from "./messages/en/help.json";
import enIntegrationsMonitor from "./messages/en/integrationsMonitor.json";
import enXentral from "./messages/en/xentral.json";
import enJobs from "./messages/en/jobs.json";
import enLeads from "./messages/en/leads.json";
import enMembers from "./messages/en/members.json";
import enOverview from "./messages/en/overview.json";
import enSamples from "./messages/en/samples.json";
import enSessions from "./messages/en/sessions.json";
import enSettingsRegistry from "./messages/en/settingsRegistry.json";
import enSystemKpis from "./messages/en/systemKpis.json";
import enSystemLogs from "./messages/en/systemLogs.json";
import enSystemOps from "./messages/en/systemOps.json";

// One file per domain and language, so domains add texts without touching each other's files.
// core.json holds the shell's namespaces; every other file is the namespace of its name.
const de = {
  ...deCore,
  ai: deAi,
  api: deApi,
  audit: deAudit,
  feedback: deFeedback,
  fields: deFields,
  integrations: deIntegrations,
  credit: deCredit,
  help: deHelp,
  integrationsMonitor: deIntegrationsMonitor,
  xentral: deXentral,
  jobs: deJobs,
  leads: deLeads,
  members: deMembers,
  overview: deOverview,
  samples: deSamples,
  sessions: deSessions,
  settingsRegistry: deSettingsRegistry,
  systemKpis: deSystemKpis,
  systemLogs: deSystemLogs,
  systemOps: deSystemOps,
};
const en = {
  ...enCore,
  ai: enAi,
  api: enApi,
  audit: enAudit,
  feedback: enFeedback,
  fields: enFields,
  integrations: enIntegrations,
  credit: enCredit,
  help: enHelp,
  integrationsMonitor: enIntegrationsMonitor,
  xentral: enXentral,
  jobs: enJobs,
  leads: enLeads,
  members: enMembers,
  overview: enOverview,
  samples: enSamples,
  sessions: enSessions,
  settingsRegistry: enSettingsRegistry,
  systemKpis: enSystemKpis,
  systemLogs: enSystemLogs,
  systemOps: enSystemOps,
};

export type Messages = typeof de;

export const MESSAGES: Record<Locale, Messages> = { de, en };
