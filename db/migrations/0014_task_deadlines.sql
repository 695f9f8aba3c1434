ALTER TABLE "queues" ADD COLUMN "default_due_in_seconds" integer;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "default_remind_before_seconds" integer;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "default_on_timeout" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "default_escalate_to" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "on_timeout" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalate_to" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalated_from" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalated_at" timestamp with time zone;