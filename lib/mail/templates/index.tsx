import "server-only";
import { renderEmail } from "@/lib/mail/render";
import { EmailLayout, Link, Paragraph, Section, styles, Text } from "./layout";

/** What every template returns: ready for enqueueMail. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface TaskRef {
  id: string;
  title: string;
  queue: string;
  url: string;
}

/** Subjects are single lines of reasonable length, whatever an agent wrote in the title. */
function subjectLine(s: string) {
  const line = s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

function build(subject: string, element: React.ReactElement): RenderedEmail {
  return { subject: subjectLine(subject), ...renderEmail(element) };
}

function NotificationFooter({ reason, settingsUrl }: { reason: string; settingsUrl: string }) {
  return (
    <>
      {reason} You can change what you receive in{" "}
      <Link href={settingsUrl} style={styles.link}>
        Settings → Notifications
      </Link>
    </>
  );
}

// ---------- Templates (React components; sample data for each lives in previewEmails) ----------

export function NewTask(props: { task: TaskRef; team: string; settingsUrl: string }) {
  return (
    <EmailLayout
      preview={`A task in ${props.task.queue} needs your review`}
      heading="Review needed"
      cta={{ label: "Open the task", url: props.task.url }}
      footer={
        <NotificationFooter
          reason={`You receive this because you work the "${props.task.queue}" queue in ${props.team}.`}
          settingsUrl={props.settingsUrl}
        />
      }
    >
      <Paragraph>
        A new task in the <strong>{props.task.queue}</strong> queue of {props.team} needs a decision:
      </Paragraph>
      <Paragraph>
        <strong>{props.task.title}</strong>
      </Paragraph>
    </EmailLayout>
  );
}

export interface DigestGroup {
  queue: string;
  queueUrl: string;
  tasks: TaskRef[];
  /** Tasks of this queue left out of the list (very large batches). */
  more: number;
}

export function Digest(props: { groups: DigestGroup[]; total: number; team: string; intro: string; settingsUrl: string; reason: string }) {
  return (
    <EmailLayout
      preview={`${props.total} tasks need your review in ${props.team}`}
      heading={`${props.total} tasks need review`}
      footer={<NotificationFooter reason={props.reason} settingsUrl={props.settingsUrl} />}
    >
      <Paragraph>{props.intro}</Paragraph>
      {props.groups.map((g) => (
        <Section key={g.queue} style={{ margin: "0 0 16px" }}>
          <Text style={{ ...styles.text, margin: "0 0 4px", fontWeight: 600 }}>
            <Link href={g.queueUrl} style={styles.link}>
              {g.queue}
            </Link>{" "}
            ({g.tasks.length + g.more})
          </Text>
          {g.tasks.map((t) => (
            <Text key={t.id} style={{ ...styles.text, margin: "0 0 4px" }}>
              •{" "}
              <Link href={t.url} style={styles.link}>
                {t.title}
              </Link>
            </Text>
          ))}
          {g.more > 0 ? (
            <Text style={{ ...styles.text, margin: "0 0 4px" }}>
              and {g.more} more in{" "}
              <Link href={g.queueUrl} style={styles.link}>
                {g.queue}
              </Link>
            </Text>
          ) : null}
        </Section>
      ))}
    </EmailLayout>
  );
}

export function Assigned(props: { task: TaskRef; by: string; team: string; settingsUrl: string }) {
  return (
    <EmailLayout
      preview={`${props.by} assigned you a task`}
      heading="A task was assigned to you"
      cta={{ label: "Open the task", url: props.task.url }}
      footer={
        <NotificationFooter
          reason={`You receive this because a task in ${props.team} was assigned to you.`}
          settingsUrl={props.settingsUrl}
        />
      }
    >
      <Paragraph>
        {props.by} assigned you a task in the <strong>{props.task.queue}</strong> queue:
      </Paragraph>
      <Paragraph>
        <strong>{props.task.title}</strong>
      </Paragraph>
    </EmailLayout>
  );
}

export function DeadlineApproaching(props: { task: TaskRef; dueAt: string | null; team: string; settingsUrl: string }) {
  return (
    <EmailLayout
      preview="A task is due soon"
      heading="Deadline approaching"
      cta={{ label: "Open the task", url: props.task.url }}
      footer={
        <NotificationFooter
          reason={`You receive this because you work the "${props.task.queue}" queue in ${props.team} or the task is assigned to you.`}
          settingsUrl={props.settingsUrl}
        />
      }
    >
      <Paragraph>
        This task in the <strong>{props.task.queue}</strong> queue is still waiting for a decision
        {props.dueAt ? ` and is due ${props.dueAt}` : " and is due soon"}:
      </Paragraph>
      <Paragraph>
        <strong>{props.task.title}</strong>
      </Paragraph>
    </EmailLayout>
  );
}

export function Escalated(props: { task: TaskRef; fromQueue: string; toQueue: string; team: string; settingsUrl: string }) {
  return (
    <EmailLayout
      preview={`A task was escalated to ${props.toQueue}`}
      heading={`Escalated to ${props.toQueue}`}
      cta={{ label: "Open the task", url: props.task.url }}
      footer={
        <NotificationFooter
          reason={`You receive this because you work the "${props.toQueue}" queue in ${props.team}.`}
          settingsUrl={props.settingsUrl}
        />
      }
    >
      <Paragraph>
        A task was escalated from <strong>{props.fromQueue}</strong> to <strong>{props.toQueue}</strong> and needs a decision:
      </Paragraph>
      <Paragraph>
        <strong>{props.task.title}</strong>
      </Paragraph>
    </EmailLayout>
  );
}

export function MagicLink(props: { url: string; host: string; expiresInMinutes: number }) {
  return (
    <EmailLayout
      preview={`Your sign-in link for ${props.host}`}
      heading="Your sign-in link"
      cta={{ label: "Sign in", url: props.url }}
      footer="If you did not ask for this email, you can ignore it."
    >
      <Paragraph>
        Click the button to sign in to {props.host}. The link works once and expires in {props.expiresInMinutes} minutes.
      </Paragraph>
    </EmailLayout>
  );
}

export function Invitation(props: { teamName: string; inviter: string; role: string; url: string }) {
  return (
    <EmailLayout
      preview={`${props.inviter} invited you to ${props.teamName}`}
      heading={`Join ${props.teamName}`}
      cta={{ label: "Accept invitation", url: props.url }}
      footer="If you were not expecting this invitation, you can ignore it."
    >
      <Paragraph>
        {props.inviter} invited you to review agent work in {props.teamName} as {props.role}. Sign in with this email address to accept.
      </Paragraph>
    </EmailLayout>
  );
}

// ---------- Builders: subject + HTML + plain text ----------

export function magicLinkEmail(params: { url: string; host: string; expiresInMinutes: number }) {
  return build("Sign in to AgentControlLayer", <MagicLink {...params} />);
}

export function invitationEmail(params: { teamName: string; inviter: string; role: string; url: string }) {
  return build(`You're invited to ${params.teamName} on AgentControlLayer`, <Invitation {...params} />);
}

export function newTaskEmail(params: { task: TaskRef; team: string; settingsUrl: string }) {
  return build(`Review needed: ${params.task.title}`, <NewTask {...params} />);
}

/** Several tasks at once: an immediate batch (one run's drafts) or a digest. */
export function digestEmail(params: { groups: DigestGroup[]; team: string; settingsUrl: string; digest: boolean }) {
  const total = params.groups.reduce((n, g) => n + g.tasks.length + g.more, 0);
  const subject =
    params.groups.length === 1
      ? `${total} new tasks in ${params.groups[0]!.queue}`
      : `${total} new tasks in ${params.groups.length} queues`;
  const queues = params.groups.map((g) => `"${g.queue}"`).join(", ");
  return build(
    params.digest ? `Digest: ${subject}` : subject,
    <Digest
      groups={params.groups}
      total={total}
      team={params.team}
      settingsUrl={params.settingsUrl}
      intro={
        params.digest
          ? `These tasks arrived in ${params.team} since your last digest and are still waiting for a decision.`
          : `New tasks in ${params.team} need a decision.`
      }
      reason={`You receive this because you work the ${queues} queue${params.groups.length > 1 ? "s" : ""}.`}
    />,
  );
}

export function assignedEmail(params: { task: TaskRef; by: string; team: string; settingsUrl: string }) {
  return build(`Assigned to you: ${params.task.title}`, <Assigned {...params} />);
}

export function deadlineApproachingEmail(params: { task: TaskRef; dueAt: Date | null; team: string; settingsUrl: string }) {
  const dueAt = params.dueAt ? `${params.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : null;
  return build(`Deadline approaching: ${params.task.title}`, <DeadlineApproaching {...params} dueAt={dueAt} />);
}

export function escalatedEmail(params: { task: TaskRef; fromQueue: string; toQueue: string; team: string; settingsUrl: string }) {
  return build(`Escalated to ${params.toQueue}: ${params.task.title}`, <Escalated {...params} />);
}

/** Every template with sample data, for the development preview route (/dev/emails). */
export function previewEmails(appUrl: string): { name: string; email: RenderedEmail }[] {
  const settingsUrl = `${appUrl}/settings/notifications`;
  const task = (id: string, title: string, queue: string): TaskRef => ({ id, title, queue, url: `${appUrl}/tasks/${id}` });
  const refund = task("tsk_sample1", "Refund 120 USD for order #A-1001 <script>alert(1)</script>", "support");
  return [
    { name: "New task", email: newTaskEmail({ task: refund, team: "Acme", settingsUrl }) },
    {
      name: "Digest",
      email: digestEmail({
        team: "Acme",
        settingsUrl,
        digest: true,
        groups: [
          {
            queue: "outreach",
            queueUrl: `${appUrl}/queues/outreach`,
            tasks: [task("tsk_sample2", "Email to Ada at Initech", "outreach"), task("tsk_sample3", "Email to Grace at Hooli", "outreach")],
            more: 3,
          },
          { queue: "support", queueUrl: `${appUrl}/queues/support`, tasks: [refund], more: 0 },
        ],
      }),
    },
    { name: "Assigned", email: assignedEmail({ task: refund, by: "ada@example.com", team: "Acme", settingsUrl }) },
    {
      name: "Deadline approaching",
      email: deadlineApproachingEmail({ task: refund, dueAt: new Date("2026-07-01T09:30:00Z"), team: "Acme", settingsUrl }),
    },
    { name: "Escalated", email: escalatedEmail({ task: refund, fromQueue: "support", toQueue: "finance", team: "Acme", settingsUrl }) },
    {
      name: "Sign-in link",
      email: magicLinkEmail({ url: `${appUrl}/api/auth/callback/email?token=sample`, host: new URL(appUrl).host, expiresInMinutes: 10 }),
    },
    {
      name: "Invitation",
      email: invitationEmail({ teamName: "Acme", inviter: "ada@example.com", role: "reviewer", url: `${appUrl}/sign-in` }),
    },
  ];
}
