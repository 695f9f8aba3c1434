ALTER TABLE "runs" ADD COLUMN "parent_run_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "parent_interrupt_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "parent_index" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "child_run_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_parent_run_id_runs_id_fk" FOREIGN KEY ("parent_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_child_run_id_runs_id_fk" FOREIGN KEY ("child_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "runs_parent_slot_uq" ON "runs" USING btree ("parent_run_id","parent_interrupt_id","parent_index");--> statement-breakpoint
CREATE INDEX "tasks_child_run_idx" ON "tasks" USING btree ("child_run_id");