ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] DEFAULT '{runs,tasks}' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "queues" text[];--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "requested_by" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "requester_may_decide" boolean;