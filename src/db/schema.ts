import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, type ComponentStatus, type Impact } from "../domain/statuses";
import { EARLIEST_TIME_MS } from "../domain/time-bounds";
import type { Locale } from "../i18n/locales";

// Every time column holds UTC epoch milliseconds.

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(", ")})`);

/** Each column, when not null, holds a time on or after EARLIEST_TIME_MS. */
const since2000 = (...columns: string[]) => sql.raw(columns.map((c) => `(${c} IS NULL OR ${c} >= ${EARLIEST_TIME_MS})`).join(" AND "));

export const pages = sqliteTable(
  "pages",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    host: text("host"),
    timeZone: text("time_zone").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    // Bumped by every committed change: a cached body built from an older generation is rebuilt.
    generation: integer("generation").notNull().default(0),
    // Raised by renames and deletions: a body older than this is never served, not even as a stale copy.
    servableFrom: integer("servable_from").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("pages_host_unique").on(t.host)],
);

export const components = sqliteTable(
  "components",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    groupId: text("group_id"),
    isGroup: integer("is_group", { mode: "boolean" }).notNull().default(false),
    name: text("name").notNull(),
    description: text("description"),
    status: text("status").$type<ComponentStatus>().notNull().default("operational"),
    position: integer("position").notNull(),
    showcase: integer("showcase", { mode: "boolean" }).notNull().default(true),
    onlyShowIfDegraded: integer("only_show_if_degraded", { mode: "boolean" }).notNull().default(false),
    startDate: text("start_date"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // Soft delete: past incidents keep naming the components they affected.
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    index("components_page_idx").on(t.pageId, t.groupId, t.position),
    check("components_status_check", inList("status", COMPONENT_STATUSES)),
    check("components_group_flat_check", sql`NOT (is_group = 1 AND group_id IS NOT NULL)`),
  ],
);

/** Incidents and scheduled maintenances share one lifecycle shape; `kind` tells them apart. */
export const incidents = sqliteTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"incident" | "maintenance">().notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    impactOverride: text("impact_override").$type<Impact>(),
    impactReached: text("impact_reached").$type<Impact>().notNull().default("none"),
    startedAt: integer("started_at").notNull(),
    monitoringAt: integer("monitoring_at"),
    resolvedAt: integer("resolved_at"),
    scheduledFor: integer("scheduled_for"),
    scheduledUntil: integer("scheduled_until"),
    autoStart: integer("auto_start", { mode: "boolean" }).notNull().default(false),
    autoComplete: integer("auto_complete", { mode: "boolean" }).notNull().default(false),
    cancelledAt: integer("cancelled_at"),
    postmortemBody: text("postmortem_body"),
    postmortemPublishedAt: integer("postmortem_published_at"),
    postmortemUpdatedAt: integer("postmortem_updated_at"),
    lastUpdateSeq: integer("last_update_seq").notNull().default(0),
    // Every write to the event adds one: a write planned from an older version is refused.
    version: integer("version").notNull().default(1),
    // Computed by SQLite from the two times it depends on, so it can never disagree with them.
    durationMs: integer("duration_ms").generatedAlwaysAs(sql`CASE WHEN resolved_at IS NULL THEN NULL ELSE max(0, resolved_at - started_at) END`, {
      mode: "virtual",
    }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("incidents_page_started_idx").on(t.pageId, t.kind, t.startedAt),
    index("incidents_page_status_idx").on(t.pageId, t.kind, t.status),
    check(
      "incidents_status_check",
      sql`(kind = 'incident' AND ${inList("status", INCIDENT_STATUSES)}) OR (kind = 'maintenance' AND ${inList("status", MAINTENANCE_STATUSES)})`,
    ),
    check("incidents_impact_check", inList("impact_reached", IMPACTS)),
    check("incidents_resolved_after_start_check", sql`resolved_at IS NULL OR resolved_at >= started_at`),
    check("incidents_window_check", sql`kind = 'incident' OR (scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL AND scheduled_until >= scheduled_for)`),
    check("incidents_times_check", since2000("started_at", "scheduled_for", "postmortem_published_at", "postmortem_updated_at", "created_at", "updated_at")),
    check("incidents_monitoring_after_start_check", sql`monitoring_at IS NULL OR monitoring_at >= started_at`),
  ],
);

export const incidentUpdates = sqliteTable(
  "incident_updates",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    // Order of posting; timestamps can be back-dated, so they cannot order updates.
    seq: integer("seq").notNull(),
    status: text("status").notNull(),
    body: text("body").notNull(),
    displayAt: integer("display_at").notNull(),
    deliverNotifications: integer("deliver_notifications", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("incident_updates_seq_unique").on(t.incidentId, t.seq),
    check("incident_updates_seq_check", sql`seq >= 1`),
    check("incident_updates_times_check", since2000("display_at", "created_at", "updated_at")),
  ],
);

/** The component status transitions one update made (old → new, possibly unchanged). */
export const updateComponents = sqliteTable(
  "update_components",
  {
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    componentName: text("component_name").notNull(),
    oldStatus: text("old_status").$type<ComponentStatus>().notNull(),
    newStatus: text("new_status").$type<ComponentStatus>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.componentId] }), index("update_components_incident_idx").on(t.incidentId)],
);

/** Components an incident or maintenance affects (declared, or touched by any of its updates). */
export const incidentComponents = sqliteTable(
  "incident_components",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] }), index("incident_components_component_idx").on(t.componentId)],
);

/** Every component status change with its time: the source for uptime and downtime. */
export const componentStatusChanges = sqliteTable(
  "component_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    fromStatus: text("from_status").$type<ComponentStatus>().notNull(),
    toStatus: text("to_status").$type<ComponentStatus>().notNull(),
    changedAt: integer("changed_at").notNull(),
    incidentId: text("incident_id"),
    updateId: text("update_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("component_status_changes_component_idx").on(t.componentId, t.changedAt),
    check("component_status_changes_times_check", since2000("changed_at", "created_at")),
  ],
);

/**
 * One component's day (in the page's time zone) of status history, rolled up by the scheduled job
 * so the uptime bars read one row per day. Only closed days are stored; a write that changes a
 * closed day deletes its row and the job computes it again.
 */
export const uptimeDays = sqliteTable(
  "uptime_days",
  {
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    day: text("day").notNull(),
    dayStart: integer("day_start").notNull(),
    dayEnd: integer("day_end").notNull(),
    observedMs: integer("observed_ms").notNull(),
    majorMs: integer("major_ms").notNull(),
    partialMs: integer("partial_ms").notNull(),
    degradedMs: integer("degraded_ms").notNull(),
    maintenanceMs: integer("maintenance_ms").notNull(),
    worst: text("worst").$type<ComponentStatus>(),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.day] }), index("uptime_days_page_day_idx").on(t.pageId, t.day)],
);

/**
 * Per page: writes that change closed days bump `generation`; the rollup job, having filled every
 * missing day, records the generation it saw. Equal numbers and a current `complete_through` mean
 * there is nothing to do, at the cost of reading one row.
 */
export const rollupState = sqliteTable("rollup_state", {
  pageId: text("page_id")
    .primaryKey()
    .references(() => pages.id, { onDelete: "cascade" }),
  generation: integer("generation").notNull().default(0),
  cleanGeneration: integer("clean_generation").notNull().default(-1),
  completeThrough: text("complete_through"),
});

/** The heartbeat: when each scheduled job last ran, for which tick, and what it did. */
export const jobRuns = sqliteTable("job_runs", {
  job: text("job").primaryKey(),
  lastScheduledAt: integer("last_scheduled_at").notNull(),
  lastRanAt: integer("last_ran_at").notNull(),
  lastResult: text("last_result", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  lastError: text("last_error"),
  lastErrorAt: integer("last_error_at"),
});

/**
 * Admin POSTs sent with an Idempotency-Key. The row is inserted in the same batch as the write it
 * belongs to (so it exists exactly when the write happened); the answer is stored right after.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    key: text("key").primaryKey(),
    // SHA-256 of method, path and body: the same key with another request is refused.
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    response: text("response"),
    // Set by the write's own batch: what was written ("incident:abc…") and the status it answers with,
    // so a retry after a lost answer is told about the write instead of repeating it.
    resource: text("resource"),
    resourceStatus: integer("resource_status"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * The transactional outbox: one row per committed change, written in the change's own batch. What
 * must follow a change (public bodies now; subscribers later) is driven from these rows, so nothing
 * a commit implies is lost when the worker fails right after it.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    // "incident.updated", "component.renamed", …: see OUTBOX_CHANGES.
    change: text("change").notNull(),
    // Who made it, as the audit log names them: "api (admin token)", "console: Ana (admin token)", an Access email, "job:auto-resolve", "demo".
    actor: text("actor").notNull(),
    eventIds: text("event_ids", { mode: "json" }).$type<string[]>().notNull(),
    deletedEventIds: text("deleted_event_ids", { mode: "json" }).$type<string[]>().notNull(),
    componentIds: text("component_ids", { mode: "json" }).$type<string[]>().notNull(),
    /** Where the touched events start and started before this change (UTC ms): their history years. */
    eventTimes: text("event_times", { mode: "json" }).$type<number[]>().notNull(),
    /** For subscribers: the update this change posted, if any, and whether to notify. */
    updateId: text("update_id"),
    notify: integer("notify", { mode: "boolean" }).notNull().default(false),
    /** The page generation the change produced. */
    generation: integer("generation").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Not picked up by the minute job before this time (UTC ms): the writer holds it while it refreshes. */
    availableAt: integer("available_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** When every public body reflected the change; null while that is still to do. */
    publishedAt: integer("published_at"),
    /** Component statuses the change moved: subscribers' `component_update` deliveries. */
    statusChanges: text("status_changes", { mode: "json" }).$type<StatusMove[]>().notNull().default([]),
    /** When its notifications and deliveries were recorded; null while a change that notifies still has to be fanned out. */
    fannedOutAt: integer("fanned_out_at"),
  },
  (t) => [
    index("outbox_pending_idx").on(t.publishedAt, t.availableAt),
    index("outbox_page_created_idx").on(t.pageId, t.createdAt),
    index("outbox_fan_out_idx").on(t.fannedOutAt, t.availableAt),
  ],
);

export interface StatusMove {
  componentId: string;
  from: ComponentStatus;
  to: ComponentStatus;
}

/**
 * Who changed what, and when: one row per committed change, written in the change's own batch, so
 * the log holds exactly the writes that happened. Kept for good (rows are small); the outbox is not.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    // "ana@example.com" (Access), "console: Ana (admin token)", "api (admin token)", "job:auto-resolve".
    actor: text("actor").notNull(),
    // The outbox's change name: "incident.updated", "component.renamed", "template.created", …
    action: text("action").notNull(),
    // What was written: "incident:abc…", "component:…", "page:…".
    target: text("target"),
    // The incident or maintenance it concerns, for the console's "this event only" filter.
    eventId: text("event_id"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
  },
  (t) => [index("audit_log_page_at_idx").on(t.pageId, t.at), index("audit_log_event_idx").on(t.pageId, t.eventId, t.at)],
);

/**
 * Console sign-ins by token. The cookie holds a random secret; only its SHA-256 is stored, so a
 * leaked table cannot be replayed. Signing out deletes the row. A session also keeps the SHA-256 of
 * the token it was opened with: once that token is rotated out, the session opens nothing.
 */
export const consoleSessions = sqliteTable(
  "console_sessions",
  {
    id: text("id").primaryKey(),
    actor: text("actor").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("console_sessions_expires_idx").on(t.expiresAt)],
);

/** Saved update texts, chosen from a list when posting an update. */
export const templates = sqliteTable(
  "templates",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"incident" | "maintenance">().notNull().default("incident"),
    name: text("name").notNull(),
    status: text("status").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("templates_page_name_unique").on(t.pageId, t.kind, t.name),
    check("templates_kind_check", inList("kind", ["incident", "maintenance"])),
    check("templates_status_check", inList("status", [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES])),
  ],
);

export const SUBSCRIBER_TYPES = ["webhook", "email"] as const;
export type SubscriberType = (typeof SUBSCRIBER_TYPES)[number];
/** What a delivery's body looks like: the hosted service's webhook JSON, a chat app's incoming-webhook message, or a mail. */
export const SUBSCRIBER_FORMATS = ["statuspage", "slack", "discord", "teams", "email"] as const;
export type SubscriberFormat = (typeof SUBSCRIBER_FORMATS)[number];
export const SUBSCRIBER_STATES = ["pending", "active", "paused"] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

/**
 * People and systems told of changes. A webhook is active at once; an email address stays pending
 * until its owner confirms. Unsubscribing deletes the row (and its deliveries): nothing is kept of
 * someone who left.
 */
export const subscribers = sqliteTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    type: text("type").$type<SubscriberType>().notNull(),
    format: text("format").$type<SubscriberFormat>().notNull(),
    /** The webhook URL, or the email address in lower case. */
    target: text("target").notNull(),
    /** Component ids; null: everything. */
    components: text("components", { mode: "json" }).$type<string[] | null>(),
    state: text("state").$type<SubscriberState>().notNull(),
    /** Webhooks: the signing secret (it must be readable to sign), and the previous one while a rotation overlaps. */
    secret: text("secret"),
    previousSecret: text("previous_secret"),
    previousSecretUntil: integer("previous_secret_until"),
    /** The language its owner read the page in when subscribing; its mails speak it while the page offers it, else the page's own. */
    locale: text("locale").$type<Locale>(),
    /** The capability in manage, confirm and unsubscribe links: whoever holds it controls this subscription and nothing else. */
    token: text("token").notNull(),
    confirmedAt: integer("confirmed_at"),
    /** When the last confirmation mail was queued: a repeated subscribe sends another at most every few minutes. */
    confirmationSentAt: integer("confirmation_sent_at"),
    /** The first failure since the last success; null while deliveries succeed. */
    failingSince: integer("failing_since"),
    lastError: text("last_error"),
    lastSuccessAt: integer("last_success_at"),
    pausedAt: integer("paused_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("subscribers_page_idx").on(t.pageId, t.state),
    uniqueIndex("subscribers_token_unique").on(t.token),
    uniqueIndex("subscribers_email_unique").on(t.pageId, t.target).where(sql`type = 'email'`),
    check("subscribers_type_check", inList("type", SUBSCRIBER_TYPES)),
    check("subscribers_format_check", inList("format", SUBSCRIBER_FORMATS)),
    check("subscribers_state_check", inList("state", SUBSCRIBER_STATES)),
    check("subscribers_email_format_check", sql.raw("(type = 'email') = (format = 'email')")),
  ],
);

/**
 * What one committed change tells subscribers, frozen when it is fanned out: an incident or
 * maintenance update, or one component's status change. Its id comes from the outbox record, so
 * fanning a record out twice finds it already there.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    outboxId: text("outbox_id").notNull(),
    kind: text("kind").$type<"event" | "component">().notNull(),
    /** Components it touches: a subscriber to some components gets it only when one of theirs is here. */
    componentIds: text("component_ids", { mode: "json" }).$type<string[]>().notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("notifications_page_created_idx").on(t.pageId, t.createdAt), index("notifications_outbox_idx").on(t.outboxId)],
);

/**
 * One message to one subscriber: a notification, or a confirmation mail. The id is derived from
 * both, is the queue message and the `webhook-id`, and `sentAt` makes a redelivered message a no-op.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    notificationId: text("notification_id").references(() => notifications.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"notification" | "confirmation">().notNull(),
    createdAt: integer("created_at").notNull(),
    /** When the queue accepted it; null: the minute job sends it to the queue (the queue was failing). */
    enqueuedAt: integer("enqueued_at"),
    attempts: integer("attempts").notNull().default(0),
    /** A consumer working on it holds it until then, so a redelivered copy waits instead of sending twice. */
    leasedUntil: integer("leased_until"),
    leaseToken: text("lease_token"),
    lastAttemptAt: integer("last_attempt_at"),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
    /** Given up (the dead-letter queue) or skipped (a paused subscriber). */
    deadAt: integer("dead_at"),
  },
  (t) => [
    index("deliveries_subscriber_idx").on(t.subscriberId, t.createdAt),
    // The console's counts per subscriber of a page.
    index("deliveries_page_subscriber_idx").on(t.pageId, t.subscriberId),
    index("deliveries_pending_idx").on(t.enqueuedAt, t.createdAt),
    index("deliveries_notification_idx").on(t.notificationId),
    check("deliveries_kind_check", inList("kind", ["notification", "confirmation"])),
  ],
);

/** Local mode's mailbox: every mail the worker would have sent, readable at GET /api/admin/mail. */
export const mailLog = sqliteTable(
  "mail_log",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("mail_log_created_idx").on(t.createdAt)],
);

export const IMPORT_KINDS = ["page", "component", "incident", "maintenance"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * What an import brought from a hosted status page: each source id and the row it became, with a
 * fingerprint of the source object, so that importing the same capture again changes nothing and a
 * changed one rewrites only what changed. An event keeps the version it was imported at: once it is
 * edited here, a later import leaves it alone.
 */
export const importSources = sqliteTable(
  "import_sources",
  {
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ImportKind>().notNull(),
    sourceId: text("source_id").notNull(),
    localId: text("local_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    localVersion: integer("local_version"),
    importedAt: integer("imported_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.pageId, t.kind, t.sourceId] }),
    index("import_sources_source_idx").on(t.kind, t.sourceId),
    check("import_sources_kind_check", inList("kind", IMPORT_KINDS)),
  ],
);

/**
 * Always empty. A batch that must not apply to state that changed since it was read inserts a row
 * here when the state differs; the CHECK refuses it, and D1 rolls the whole batch back.
 */
export const writeGuards = sqliteTable("write_guards", { reason: text("reason").notNull() }, () => [check("write_guards_stale_state", sql`0`)]);

export type PageRow = typeof pages.$inferSelect;
export type ComponentRow = typeof components.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentUpdateRow = typeof incidentUpdates.$inferSelect;
export type UpdateComponentRow = typeof updateComponents.$inferSelect;
export type StatusChangeRow = typeof componentStatusChanges.$inferSelect;
export type UptimeDayRow = typeof uptimeDays.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type SessionRow = typeof consoleSessions.$inferSelect;
export type TemplateRow = typeof templates.$inferSelect;
export type SubscriberRow = typeof subscribers.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type MailLogRow = typeof mailLog.$inferSelect;
export type ImportSourceRow = typeof importSources.$inferSelect;
