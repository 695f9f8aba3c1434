import { relations, sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  type AnyPgColumn,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  EXAMPLE_STATUSES,
  type Actor,
  type ApiKeyScope,
  type Approval,
  type Decision,
  type JsonPatchOperation,
  type Role,
  type RunStatus,
  type TaskAction,
  type TaskKind,
  type TaskStatus,
  type TimeoutOutcome,
} from "@/lib/contract/enums";

// The vocabulary lives in lib/contract; re-exported for the services that read it with the tables.
export {
  EXAMPLE_STATUSES,
  ROLES,
  RUN_STATUSES,
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_STATUSES,
  type Actor,
  type ApiKeyScope,
  type Approval,
  type Decision,
  type ExampleStatus,
  type Role,
  type RunStatus,
  type TaskAction,
  type TaskKind,
  type TaskStatus,
  type TimeoutOutcome,
} from "@/lib/contract/enums";

/**
 * The app's tables, in one place. LangGraph's checkpoint tables live in the `langgraph`
 * schema and graphile-worker's in `graphile_worker`, both outside drizzle's view.
 * Ids are prefixed, time-ordered strings (lib/ids.ts), so `order by id` is creation order.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();

// ---------- identity (next-auth adapter tables) ----------

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: ts("email_verified"),
  image: text("image"),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: ts("expires").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: ts("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------- teams ----------

export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    /** Queues this member may work; null = every queue their role may work. */
    queues: text("queues").array(),
    /** Email notifications for this team at all (false = "off"). */
    notifyEmail: boolean("notify_email").notNull().default(true),
    /** New-task emails: null = one per task or batch at once; n = a digest at most every n minutes. */
    notifyDigestMinutes: integer("notify_digest_minutes"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_team_user_uq").on(t.teamId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    queues: text("queues").array(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("invitations_email_idx").on(t.email)],
);

export const queues = pgTable(
  "queues",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    /** Roles allowed to decide tasks in this queue (owners always may). */
    roles: text("roles")
      .array()
      .$type<Role[]>()
      .notNull()
      .default(sql`'{owner,admin,reviewer}'`),
    /** Deadline defaults for tasks of this queue that declare none of their own (lib/tasks/deadlines). */
    defaultDueInSeconds: integer("default_due_in_seconds"),
    defaultRemindBeforeSeconds: integer("default_remind_before_seconds"),
    defaultOnTimeout: text("default_on_timeout").$type<TimeoutOutcome>(),
    defaultEscalateTo: text("default_escalate_to"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("queues_team_name_uq").on(t.teamId, t.name)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The visible start of the key, e.g. `acl_live_3f9a`; the key itself is never stored. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdBy: text("created_by"),
    /** What the key may do (lib/access/permissions API_KEY_SCOPES): runs, tasks, decide. */
    scopes: text("scopes")
      .array()
      .$type<ApiKeyScope[]>()
      .notNull()
      .default(sql`'{runs,tasks}'`),
    /** Queues whose tasks the key may see and decide; null = every queue. */
    queues: text("queues").array(),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_keys_team_idx").on(t.teamId)],
);

// ---------- runs and tasks ----------

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    workflow: text("workflow").notNull(),
    status: text("status").$type<RunStatus>().notNull().default("queued"),
    input: jsonb("input").notNull(),
    output: jsonb("output"),
    error: jsonb("error").$type<{ message: string } | null>(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdBy: jsonb("created_by").$type<Actor>(),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    completedAt: ts("completed_at"),
    /**
     * Fan-out (lib/hitl fanOut): the run whose node started this one as a child run, the
     * interrupt that waits for it and its item's position. (parent, interrupt, index) is unique,
     * so a node that re-runs never starts a child twice.
     */
    parentRunId: text("parent_run_id").references((): AnyPgColumn => runs.id, { onDelete: "cascade" }),
    parentInterruptId: text("parent_interrupt_id"),
    parentIndex: integer("parent_index"),
  },
  (t) => [
    index("runs_team_id_idx").on(t.teamId, t.id),
    index("runs_team_status_idx").on(t.teamId, t.status, t.id),
    uniqueIndex("runs_parent_slot_uq").on(t.parentRunId, t.parentInterruptId, t.parentIndex),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    runId: text("run_id").references(() => runs.id, { onDelete: "cascade" }),
    /** The LangGraph interrupt id this task answers (null for standalone tasks). */
    interruptId: text("interrupt_id"),
    /**
     * Position within that interrupt: one interrupt may ask several questions (LangChain's
     * humanInTheLoopMiddleware asks one per gated tool call), each its own task; 0 otherwise.
     */
    interruptIndex: integer("interrupt_index").notNull().default(0),
    workflow: text("workflow"),
    kind: text("kind").$type<TaskKind>().notNull(),
    queue: text("queue").notNull(),
    status: text("status").$type<TaskStatus>().notNull().default("pending"),
    title: text("title").notNull(),
    description: text("description"),
    payload: jsonb("payload").notNull(),
    schema: jsonb("schema").$type<Record<string, unknown> | null>(),
    allowed: text("allowed").array().$type<TaskAction[]>().notNull(),
    confidence: doublePrecision("confidence"),
    question: text("question"),
    decision: jsonb("decision").$type<Decision | null>(),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    dueAt: ts("due_at"),
    callbackUrl: text("callback_url"),
    /** Who asked for the decision: the actor that started the run, or created the standalone task. */
    requestedBy: jsonb("requested_by").$type<Actor>(),
    /** Separation of duties: true lets a requesting key decide, false also stops a requesting user; null = default. */
    requesterMayDecide: boolean("requester_may_decide"),
    createdAt: createdAt(),
    decidedAt: ts("decided_at"),
    /** When the worker fed the decision back into the graph (null = not yet). */
    appliedAt: ts("applied_at"),
    /** Distinct approvals needed before the task is approved (1 = an ordinary task). */
    quorum: integer("quorum").notNull().default(1),
    /** Roles whose approvals count toward the quorum (null: whoever may decide the queue). */
    quorumRoles: text("quorum_roles").array().$type<Role[]>(),
    /** Approvals so far of a quorum task, oldest first; the last one completes it. */
    approvals: jsonb("approvals").$type<Approval[]>().notNull().default([]),
    /** A clarification's group: the hash of its normalised question (lib/answers/normalize.ts). */
    questionKey: text("question_key"),
    /**
     * The child run whose thread this task resumes, when `runId`'s run fanned out (null: the
     * task belongs to `runId`'s own thread). `runId` stays the run the client started.
     */
    childRunId: text("child_run_id").references(() => runs.id, { onDelete: "cascade" }),
    /** Deadlines (lib/tasks/deadlines): when to remind the queue, and what `dueAt` does (null = expire). */
    remindAt: ts("remind_at"),
    remindedAt: ts("reminded_at"),
    onTimeout: text("on_timeout").$type<TimeoutOutcome>(),
    escalateTo: text("escalate_to"),
    /** The queue an escalated task came from, and when it moved. */
    escalatedFrom: text("escalated_from"),
    escalatedAt: ts("escalated_at"),
  },
  (t) => [
    uniqueIndex("tasks_run_interrupt_uq").on(t.runId, t.interruptId, t.interruptIndex),
    index("tasks_question_group_idx")
      .on(t.teamId, t.workflow, t.questionKey, t.id)
      .where(sql`${t.status} = 'pending' and ${t.questionKey} is not null`),
    index("tasks_child_run_idx").on(t.childRunId),
    index("tasks_queue_idx").on(t.teamId, t.status, t.queue, t.id),
    index("tasks_team_id_idx").on(t.teamId, t.id),
    index("tasks_run_idx").on(t.runId),
  ],
);

// ---------- policies as code (lib/policies) ----------

/**
 * A team's auto-decision rule: tasks of `workflow` (in `queue`, with `title`, when set) whose
 * payload matches `rule` (JSON Logic, lib/policies/rules.ts) are decided `action` by the policy
 * instead of waiting for a person. Never deleted: reverting sets `revokedAt`, keeping who decided what.
 */
export const policies = pgTable(
  "policies",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    workflow: text("workflow").notNull(),
    queue: text("queue"),
    title: text("title"),
    rule: jsonb("rule").notNull(),
    action: text("action", { enum: ["approve", "reject"] }).notNull(),
    /** manual, or suggestion (created from the analytics page's candidates, with its evidence). */
    source: text("source", { enum: ["manual", "suggestion"] }).notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown> | null>(),
    createdBy: jsonb("created_by").$type<Actor>().notNull(),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
    revokedBy: jsonb("revoked_by").$type<Actor>(),
  },
  (t) => [index("policies_team_workflow_idx").on(t.teamId, t.workflow, t.id)],
);

// ---------- LangGraph Platform API (lib/langgraph-api) ----------

/**
 * A LangGraph thread: the SDK's view of one of our runs. Created empty (POST /threads), it
 * drives exactly one run from the first `runs.create` on it; status, values and interrupts are
 * always derived from that run, its tasks and its checkpoints, never stored twice.
 */
export const langgraphThreads = pgTable(
  "langgraph_threads",
  {
    id: uuid("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    runId: text("run_id")
      .unique()
      .references(() => runs.id, { onDelete: "cascade" }),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("langgraph_threads_team_created_idx").on(t.teamId, t.createdAt),
    index("langgraph_threads_metadata_idx").using("gin", t.metadata),
  ],
);

export const LANGGRAPH_RUN_STATUSES = ["pending", "running", "error", "success", "timeout", "interrupted"] as const;
export type LangGraphRunStatus = (typeof LANGGRAPH_RUN_STATUSES)[number];

/**
 * A LangGraph run: one advance of a thread, from its start (or the decisions it carried) to the
 * next pause or the end. The checkpoints in (baseCheckpointId, endCheckpointId] are its stream.
 */
export const langgraphRuns = pgTable(
  "langgraph_runs",
  {
    id: uuid("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => langgraphThreads.id, { onDelete: "cascade" }),
    assistantId: text("assistant_id").notNull(),
    /** "start" (input) or "resume" (command.resume). */
    kind: text("kind").$type<"start" | "resume">().notNull(),
    status: text("status").$type<LangGraphRunStatus>().notNull().default("pending"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /** What the client asked for (stream_mode, input or command), echoed back as `kwargs`. */
    kwargs: jsonb("kwargs").$type<Record<string, unknown>>().notNull().default({}),
    /** Tasks this run decided (resume runs): it is pending until the engine has applied them. */
    taskIds: text("task_ids")
      .array()
      .notNull()
      .default(sql`'{}'`),
    baseCheckpointId: text("base_checkpoint_id"),
    endCheckpointId: text("end_checkpoint_id"),
    /** The interrupts pending where the run ended, kept so that a replayed stream shows the same ones. */
    interrupts: jsonb("interrupts").$type<Array<{ id: string; value: unknown }>>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("langgraph_runs_thread_idx").on(t.threadId, t.createdAt)],
);

// ---------- audit, feedback ----------

/**
 * Append-only and tamper-evident (migration 0004_audit_guard): a trigger refuses UPDATE and DELETE,
 * and at commit each event is sealed into its team's hash chain (seq, prev_hash, hash). No foreign
 * key to teams on purpose: deleting a team keeps its history.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").notNull(),
    at: ts("at").notNull().defaultNow(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    // Set by the sealing trigger at commit: position in the team's chain and the chain's hashes.
    seq: integer("seq"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_team_id_idx").on(t.teamId, t.id),
    index("audit_team_subject_idx").on(t.teamId, t.subjectId, t.id),
    uniqueIndex("audit_team_seq_idx").on(t.teamId, t.seq),
  ],
);

export const feedback = pgTable(
  "feedback",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .unique()
      .references(() => tasks.id, { onDelete: "cascade" }),
    runId: text("run_id"),
    workflow: text("workflow"),
    original: jsonb("original").notNull(),
    edited: jsonb("edited").notNull(),
    diff: jsonb("diff").notNull(),
    /** RFC 6902 JSON Patch that turns `original` into `edited`. */
    patch: jsonb("patch").$type<JsonPatchOperation[]>().notNull().default([]),
    /** Unified diff of the changed fields as text. */
    textDiff: text("text_diff").notNull().default(""),
    editorType: text("editor_type"),
    editorId: text("editor_id"),
    comment: text("comment"),
    /** Curation as a few-shot example: candidate (not reviewed), promoted, retired. */
    exampleStatus: text("example_status", { enum: EXAMPLE_STATUSES }).notNull().default("candidate"),
    exampleChangedAt: ts("example_changed_at"),
    exampleChangedBy: text("example_changed_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("feedback_team_workflow_idx").on(t.teamId, t.workflow, t.id),
    index("feedback_team_workflow_example_idx").on(t.teamId, t.workflow, t.exampleStatus, t.id),
  ],
);

/**
 * Past answers to a clarification question (lib/answers): suggested when the same question (same
 * normalised key) comes again in the same workflow, and, when `auto` is on, given at once to
 * new tasks of that group. One row per distinct response; at most one automatic answer per group.
 */
export const savedAnswers = pgTable(
  "saved_answers",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    workflow: text("workflow").notNull(),
    /** The queue of the task it first answered: members who may not see that queue do not see the answer. */
    queue: text("queue").notNull(),
    questionKey: text("question_key").notNull(),
    /** The question as first asked (what the Questions view and the toggle show). */
    question: text("question").notNull(),
    response: text("response").notNull(),
    auto: boolean("auto").notNull().default(false),
    /** How often it was given (by hand or automatically). */
    uses: integer("uses").notNull().default(1),
    createdBy: jsonb("created_by").$type<Actor>().notNull(),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    // md5: a response may be 20,000 characters, more than a btree entry holds.
    uniqueIndex("saved_answers_response_uq").on(t.teamId, t.workflow, t.questionKey, sql`md5(${t.response})`),
    uniqueIndex("saved_answers_one_auto_uq")
      .on(t.teamId, t.workflow, t.questionKey)
      .where(sql`${t.auto} and ${t.revokedAt} is null`),
  ],
);

// ---------- outbox and side effects ----------

export const mailMessages = pgTable(
  "mail_messages",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").references(() => teams.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** queued → sent | failed */
    status: text("status").notNull().default("queued"),
    transport: text("transport"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    /** Derived from the cause (run + task); makes a repeated send a no-op. */
    dedupeKey: text("dedupe_key").unique(),
    /** Sent by a workflow to an outside address: counts toward the team's daily email quota. */
    outbound: boolean("outbound").notNull().default(false),
    /** A notice to a member about tasks (new, digest, assigned, deadline, escalated): counts toward the hourly cap. */
    notification: boolean("notification").notNull().default(false),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    index("mail_to_idx").on(t.to, t.id),
    index("mail_outbound_team_idx")
      .on(t.teamId, t.createdAt)
      .where(sql`${t.outbound}`),
    index("mail_notification_team_idx")
      .on(t.teamId, t.createdAt)
      .where(sql`${t.notification}`),
  ],
);

/**
 * New tasks waiting for a member's next digest: written in the transaction that creates the task,
 * deleted by the digest job in the transaction that queues the email — each task is reported once,
 * and never for a creation that rolled back.
 */
export const digestItems = pgTable(
  "digest_items",
  {
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.taskId] })],
);

/**
 * Durable side effects of workflows (lib/effects `once(key, fn)`): a key runs its effect once
 * per team; the result is stored and returned to every later call with the same key.
 */
export const effects = pgTable(
  "effects",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** The run that performed it, for tracing (null outside a run). */
    runId: text("run_id"),
    result: jsonb("result"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.key] }), index("effects_run_idx").on(t.runId)],
);

// ---------- webhooks (lib/webhooks) ----------

/**
 * Each team's webhook signing secret. Signing needs the secret itself, so it is encrypted at
 * rest (AES-256-GCM, lib/webhooks/secrets.ts), not hashed. One row per team, created on first need.
 */
export const webhookSecrets = pgTable("webhook_secrets", {
  teamId: text("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  /** `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts; the team id is the GCM associated data. */
  secretEncrypted: text("secret_encrypted").notNull(),
  createdAt: createdAt(),
  rotatedAt: ts("rotated_at"),
});

export type WebhookAttempt = { at: string; statusCode: number | null; error: string | null; durationMs: number };

/**
 * One webhook event per exit of a task from `pending` (its id is the `x-acl-event-id`, the same
 * on every retry), with its delivery log. The body is fixed when the event happens.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    url: text("url").notNull(),
    body: text("body").notNull(),
    /** pending (waiting for its next attempt) → delivered | failed (retries exhausted) */
    status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: jsonb("attempts").$type<WebhookAttempt[]>().notNull().default([]),
    nextAttemptAt: ts("next_attempt_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhook_deliveries_task_type_uq").on(t.taskId, t.type), index("webhook_deliveries_team_idx").on(t.teamId, t.id)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    route: text("route").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code"),
    response: jsonb("response"),
    /** The request currently holding the key; its completion must name it (a reclaimed key is no longer its). */
    claimToken: text("claim_token"),
    /** When the key was (re)claimed: in progress past the stale timeout → reclaimable; after 24 h → expired. */
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.route, t.key] }), index("idempotency_created_idx").on(t.createdAt)],
);

export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/** Liveness of job workers, so jobs locked by a dead worker are released quickly. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  seenAt: ts("seen_at").notNull().defaultNow(),
});

// ---------- relations and types ----------

export const teamsRelations = relations(teams, ({ many }) => ({ memberships: many(memberships), apiKeys: many(apiKeys) }));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  team: one(teams, { fields: [memberships.teamId], references: [teams.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));
export const runsRelations = relations(runs, ({ many }) => ({ tasks: many(tasks) }));
export const tasksRelations = relations(tasks, ({ one }) => ({ run: one(runs, { fields: [tasks.runId], references: [runs.id] }) }));

export type Team = typeof teams.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type FeedbackRow = typeof feedback.$inferSelect;
export type SavedAnswerRow = typeof savedAnswers.$inferSelect;
export type PolicyRow = typeof policies.$inferSelect;
export type MailMessage = typeof mailMessages.$inferSelect;
export type QueueRow = typeof queues.$inferSelect;
export type EffectRow = typeof effects.$inferSelect;
export type LangGraphThreadRow = typeof langgraphThreads.$inferSelect;
export type LangGraphRunRow = typeof langgraphRuns.$inferSelect;
