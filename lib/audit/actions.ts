/**
 * Every action the app records in the audit trail, in one list: the audit page names each in the
 * reader's language (messages `audit.actions.*`, grouped by the first segment under
 * `audit.actionGroups.*`) and offers them in its action filter. `actions.test.ts` scans the code
 * for recorded actions and fails when one is missing here or has no label in German or English.
 * Plain data, so the browser and the CSV export may read it too.
 */
export const AUDIT_ACTIONS = [
  "ai.price.changed",
  "ai.price.created",
  "audit.exported",
  "credit.checked",
  "credit.company.linked",
  "credit.limit.requested",
  "help.article.archived",
  "help.article.created",
  "help.article.drafted",
  "help.article.published",
  "help.article.submitted",
  "help.article.updated",
  "help.experiment.created",
  "help.experiment.started",
  "help.experiment.stopped",
  "help.feedback.recorded",
  "help.guide.step_done",
  "help.guide.step_reopened",
  "help.synonym.added",
  "help.synonym.removed",
  "integration.connection.created",
  "integration.connection.disabled",
  "integration.connection.enabled",
  "integration.connection.key_rotated",
  "integration.connection.updated",
  "integration.kas.mailaccount.created",
  "integration.kas.mailaccount.updated",
  "integration.webhook.replayed",
  "integration.xentral.customer_linked",
  "integration.xentral.sales_order_created",
  "integration.xentral.sync_requested",
  "job.run.requested",
  "lead.activity.logged",
  "lead.collaborator.added",
  "lead.collaborator.removed",
  "lead.created",
  "lead.exported",
  "lead.extension.approved",
  "lead.extension.closed",
  "lead.extension.denied",
  "lead.extension.escalated",
  "lead.extension.requested",
  "lead.hold.created",
  "lead.hold.ended",
  "lead.personal_data.erased",
  "lead.personal_data.pseudonymised",
  "lead.protection.expired",
  "lead.reassigned",
  "lead.registered_at.backdated",
  "lead.reminder.sent",
  "lead.updated",
  "mail.suggestion.confirmed",
  "mail.suggestion.dismissed",
  "member.added",
  "member.deactivated",
  "member.invited",
  "member.password.link_sent",
  "member.reactivated",
  "member.role.changed",
  "notification.outbox.retried",
  "notification.read",
  "notification.read_all",
  "org.created",
  "samples.box.created",
  "samples.box.status_changed",
  "samples.feedback.submitted",
  "samples.feedback_link.created",
  "samples.feedback_link.invited",
  "samples.feedback_link.opened",
  "samples.feedback_link.reminded",
  "samples.feedback_link.resent",
  "samples.feedback_link.revoked",
  "samples.phase.created",
  "samples.product.created",
  "samples.results.recorded",
  "settings.value.changed",
  "settings.value.cleared",
  "system.alert_rule.updated",
  "system.backup.downloaded",
  "system.backup.requested",
  "system.drill.requested",
  "token.created",
  "token.revoked",
  "user.activated",
  "user.created",
  "user.deactivated",
  "user.locale.changed",
  "user.password.changed",
  "user.password.reset",
  "user.password.set",
  "user.profile.changed",
  "user.sessions.ended",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actions' groups (their first segment), in the list's order: the filter's option groups. */
export type AuditActionGroup = AuditAction extends `${infer Group}.${string}` ? Group : never;
export const AUDIT_ACTION_GROUPS = [
  ...new Set(AUDIT_ACTIONS.map((action) => action.split(".")[0] as AuditActionGroup)),
];

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isKnownAction(action: string): action is AuditAction {
  return KNOWN.has(action);
}

/** The message key of an action's label: `lead.hold.created` → `actions.lead.hold.created`. */
export const actionLabelKey = (action: AuditAction) => `actions.${action}` as const;

/** What the audit trail names as a resource type, with a label in both languages (`audit.resources.*`). */
export const AUDIT_RESOURCE_TYPES = [
  "ai_model_price",
  "audit",
  "feedback_link",
  "integration_connection",
  "integration_webhook_event",
  "job",
  "lead",
  "lead_extension_request",
  "mail_suggestion",
  "membership",
  "notification_outbox",
  "organization",
  "product",
  "sample_box",
  "setting",
  "test_phase",
  "api_token",
  "user",
  "alert_rule",
  "backup",
  "help_article",
  "help_experiment",
  "help_guide_step",
  "help_synonym",
] as const;
