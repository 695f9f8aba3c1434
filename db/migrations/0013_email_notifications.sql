CREATE TABLE "digest_items" (
	"membership_id" text NOT NULL,
	"task_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_items_membership_id_task_id_pk" PRIMARY KEY("membership_id","task_id")
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "notification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "notify_digest_minutes" integer;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_notification_team_idx" ON "mail_messages" USING btree ("team_id","created_at") WHERE "mail_messages"."notification";