CREATE TABLE "langgraph_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"thread_id" uuid NOT NULL,
	"assistant_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"kwargs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"task_ids" text[] DEFAULT '{}' NOT NULL,
	"base_checkpoint_id" text,
	"end_checkpoint_id" text,
	"interrupts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "langgraph_threads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"run_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "langgraph_threads_run_id_unique" UNIQUE("run_id")
);
--> statement-breakpoint
ALTER TABLE "langgraph_runs" ADD CONSTRAINT "langgraph_runs_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "langgraph_runs" ADD CONSTRAINT "langgraph_runs_thread_id_langgraph_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."langgraph_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "langgraph_threads" ADD CONSTRAINT "langgraph_threads_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "langgraph_threads" ADD CONSTRAINT "langgraph_threads_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "langgraph_runs_thread_idx" ON "langgraph_runs" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "langgraph_threads_team_created_idx" ON "langgraph_threads" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "langgraph_threads_metadata_idx" ON "langgraph_threads" USING gin ("metadata");