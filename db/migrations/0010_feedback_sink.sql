ALTER TABLE "feedback" ADD COLUMN "patch" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "text_diff" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "editor_type" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "editor_id" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "comment" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "example_status" text DEFAULT 'candidate' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "example_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "example_changed_by" text;--> statement-breakpoint
CREATE INDEX "feedback_team_workflow_example_idx" ON "feedback" USING btree ("team_id","workflow","example_status","id");