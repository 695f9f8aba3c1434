import "server-only";
import { run, Logger, makeWorkerUtils, type Runner, type TaskList, type WorkerUtils } from "graphile-worker";
import { sql } from "drizzle-orm";
import { EventEmitter } from "node:events";
import pg from "pg";
import { databaseUrl, getDb, getPool } from "@/db/client";
import { env } from "@/lib/env";
import { deliverMail } from "@/lib/mail";
import { sendDigest } from "@/lib/tasks/notify";
import { remindTask, timeOutTask } from "@/lib/tasks/deadlines";
import { deliverEvent } from "@/lib/webhooks/deliveries";
import { dropEmptyJobQueues, runMaintenance } from "./maintenance";
import { advanceRun } from "./advance";
import { closeRunLocks } from "./run-lock";

const HEARTBEAT_MS = 5_000;
/** How long after a new-job notification each runner looks for a job once more (see renudge). */
const RENUDGE_RUNS_MS = 15;
const RENUDGE_WEBHOOKS_MS = 45;
/** Empty per-run job queues are dropped every 3rd heartbeat (15 s; see dropEmptyJobQueues). */
const DROP_JOB_QUEUES_EVERY_BEATS = 3;
/** A worker silent this long is dead: its locked jobs are released for others. */
const DEAD_AFTER_SECONDS = 15;

const taskList: TaskList = {
  "run:advance": async (payload, helpers) => {
    const { runId } = payload as { runId: string };
    await advanceRun(runId, { final: helpers.job.attempts >= helpers.job.max_attempts });
  },
  "mail:deliver": async (payload, helpers) => {
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    await deliverMail(getDb(), (payload as { messageId: string }).messageId, { finalAttempt: final });
  },
  "mail:digest": async (payload) => {
    await sendDigest(getDb(), (payload as { membershipId: string }).membershipId);
  },
  // Deadline timers (lib/tasks/deadlines), scheduled with runAt when the task was created.
  "task:timeout": async (payload) => {
    await timeOutTask(getDb(), (payload as { taskId: string }).taskId);
  },
  "task:remind": async (payload) => {
    await remindTask(getDb(), (payload as { taskId: string }).taskId);
  },
};

/**
 * Webhook deliveries run on a runner of their own (graphile-worker runners only take the tasks in
 * their list), with WEBHOOK_CONCURRENCY slots and a timeout per attempt: receivers that are slow
 * or black-holed occupy webhook slots only, never the slots that move runs forward.
 */
const webhookTaskList: TaskList = {
  "webhook:deliver": async (payload) => {
    await deliverEvent((payload as { eventId: string }).eventId);
  },
};

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[worker] ${message}`);
  else if (level === "warning" && !message.includes("Failed task")) console.warn(`[worker] ${message}`);
});

export interface WorkerHandle {
  stop: () => Promise<void>;
  runner: Runner;
}

/**
 * Starts job workers in this process. Liveness is written to `worker_heartbeats`; any process
 * releases jobs still locked by a worker that stopped beating (SIGKILL, OOM, lost machine), so
 * a crashed run resumes within seconds instead of graphile-worker's 4-hour lock expiry.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<WorkerHandle> {
  const workerIds = new Set<string>();
  // One emitter per runner: every worker heartbeats (so its jobs are not taken for dead), and each
  // runner looks again after a new-job notification at its own moment (see renudge).
  const runnerEvents = (renudgeMs: number) => {
    const events = new EventEmitter();
    events.on("worker:create", ({ worker }: { worker: { workerId: string } }) => workerIds.add(worker.workerId));
    events.on("pool:listen:notification", (e: NotificationEvent) => renudge(e, renudgeMs));
    return events;
  };

  const utils = await makeWorkerUtils({ pgPool: getPool(), logger: quietLogger });
  // Heartbeats use a connection of their own: when the main pool is saturated by checkpoint
  // writes, a late heartbeat would make a busy worker look dead.
  const heartbeatPool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
  heartbeatPool.on("error", () => {});
  let beats = 0;
  const beat = async () => {
    const ids = [...workerIds];
    if (ids.length > 0) {
      await heartbeatPool.query(
        `insert into worker_heartbeats (worker_id, seen_at) select unnest($1::text[]), now()
         on conflict (worker_id) do update set seen_at = now()`,
        [ids],
      );
    }
    await releaseDeadWorkers(utils);
    await runMaintenance(getDb());
    if (++beats % DROP_JOB_QUEUES_EVERY_BEATS === 0) await dropEmptyJobQueues(getDb());
  };

  const runner = await run({
    pgPool: getPool(),
    concurrency: options.concurrency ?? env().WORKER_CONCURRENCY,
    taskList,
    logger: quietLogger,
    events: runnerEvents(RENUDGE_RUNS_MS) as never,
    noHandleSignals: true,
    pollInterval: 1000,
  });
  const webhookRunner = await run({
    pgPool: getPool(),
    concurrency: env().WEBHOOK_CONCURRENCY,
    taskList: webhookTaskList,
    logger: quietLogger,
    events: runnerEvents(RENUDGE_WEBHOOKS_MS) as never,
    noHandleSignals: true,
    pollInterval: 1000,
  });
  await beat().catch((err) => console.error("[worker] heartbeat failed:", err.message));
  const timer = setInterval(() => {
    beat().catch((err) => console.error("[worker] heartbeat failed:", err.message));
  }, HEARTBEAT_MS);
  timer.unref();

  return {
    runner,
    stop: async () => {
      clearInterval(timer);
      await Promise.all([runner.stop(), webhookRunner.stop()]);
      await getDb()
        .execute(
          sql`delete from worker_heartbeats where worker_id = any(${sql`array[${sql.join(
            [...workerIds, "-"].map((i) => sql`${i}`),
            sql`, `,
          )}]::text[]`})`,
        )
        .catch(() => {});
      await utils.release();
      await heartbeatPool.end().catch(() => {});
      await closeRunLocks();
    },
  };
}

/**
 * graphile-worker wakes one idle worker of each runner on a new job's NOTIFY, so both runners
 * look for a job at the same moment, and that lookup locks the job queues' rows with SKIP LOCKED:
 * the lookup that loses skips every queue and finds nothing, and the job waited for the next poll
 * (measured: 6 of 35 sequential decisions took 0.4–1 s instead of 60 ms). Each runner nudges one
 * idle worker once more a little later, at different delays so the two do not collide again.
 * graphile-worker has no public nudge; `_workers[].nudge()` is what its own listener calls
 * (0.16), guarded so that a change in that internal only loses this speed-up.
 */
type NotificationEvent = { workerPool?: { _workers?: Array<{ nudge?: () => boolean }>; _shuttingDown?: boolean } };

function renudge({ workerPool }: NotificationEvent, delayMs: number) {
  setTimeout(() => {
    if (!workerPool || workerPool._shuttingDown || !Array.isArray(workerPool._workers)) return;
    try {
      workerPool._workers.some((worker) => typeof worker.nudge === "function" && worker.nudge());
    } catch {
      // a worker that terminated meanwhile: the next poll finds the job
    }
  }, delayMs).unref();
}

async function releaseDeadWorkers(utils: WorkerUtils) {
  const result = await getDb().execute<{ locked_by: string }>(sql`
    select distinct j.locked_by from graphile_worker._private_jobs j
    where j.locked_by is not null
      and j.locked_at < now() - make_interval(secs => ${DEAD_AFTER_SECONDS})
      and not exists (
        select 1 from worker_heartbeats h
        where h.worker_id = j.locked_by and h.seen_at > now() - make_interval(secs => ${DEAD_AFTER_SECONDS})
      )`);
  const dead = result.rows.map((r) => r.locked_by);
  if (dead.length === 0) return;
  console.warn(`[worker] releasing jobs of ${dead.length} dead worker(s): ${dead.join(", ")}`);
  await utils.forceUnlockWorkers(dead);
  await getDb().execute(sql`delete from worker_heartbeats where seen_at < now() - interval '1 hour'`);
}
