ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" integer;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "claim_token" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_team_seq_idx" ON "audit_events" USING btree ("team_id","seq");--> statement-breakpoint
CREATE INDEX "idempotency_created_idx" ON "idempotency_keys" USING btree ("created_at");