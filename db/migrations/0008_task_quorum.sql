ALTER TABLE "tasks" ADD COLUMN "quorum" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "quorum_roles" text[];--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "approvals" jsonb DEFAULT '[]'::jsonb NOT NULL;