CREATE TABLE "effects" (
	"team_id" text NOT NULL,
	"key" text NOT NULL,
	"run_id" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_team_id_key_pk" PRIMARY KEY("team_id","key")
);
--> statement-breakpoint
DROP INDEX "tasks_run_interrupt_uq";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "interrupt_index" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "effects" ADD CONSTRAINT "effects_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "effects_run_idx" ON "effects" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_run_interrupt_uq" ON "tasks" USING btree ("run_id","interrupt_id","interrupt_index");--> statement-breakpoint
-- The refund workflow's ledger moves into the generic effects table (same key, the row as the result).
INSERT INTO "effects" ("team_id", "key", "run_id", "result", "created_at")
SELECT "team_id", "dedupe_key", "run_id", jsonb_build_object('orderId', "order_id", 'amount', "amount", 'currency', "currency"), "created_at"
FROM "refunds"
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP TABLE "refunds" CASCADE;
