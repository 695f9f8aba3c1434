CREATE TABLE "saved_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"workflow" text NOT NULL,
	"queue" text NOT NULL,
	"question_key" text NOT NULL,
	"question" text NOT NULL,
	"response" text NOT NULL,
	"auto" boolean DEFAULT false NOT NULL,
	"uses" integer DEFAULT 1 NOT NULL,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "question_key" text;--> statement-breakpoint
ALTER TABLE "saved_answers" ADD CONSTRAINT "saved_answers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_answers_response_uq" ON "saved_answers" USING btree ("team_id","workflow","question_key",md5("response"));--> statement-breakpoint
CREATE UNIQUE INDEX "saved_answers_one_auto_uq" ON "saved_answers" USING btree ("team_id","workflow","question_key") WHERE "saved_answers"."auto" and "saved_answers"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_question_group_idx" ON "tasks" USING btree ("team_id","workflow","question_key","id") WHERE "tasks"."status" = 'pending' and "tasks"."question_key" is not null;