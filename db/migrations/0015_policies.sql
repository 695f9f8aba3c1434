CREATE TABLE "policies" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"workflow" text NOT NULL,
	"queue" text,
	"title" text,
	"rule" jsonb NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"evidence" jsonb,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" jsonb
);
--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policies_team_workflow_idx" ON "policies" USING btree ("team_id","workflow","id");