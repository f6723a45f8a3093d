CREATE TABLE "note_mentions" (
	"note_id" integer NOT NULL,
	"staff_user_id" integer NOT NULL,
	"thread_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "note_mentions_note_id_staff_user_id_pk" PRIMARY KEY("note_id","staff_user_id")
);
--> statement-breakpoint
ALTER TABLE "realtime_events" ADD COLUMN "recipient_staff_id" integer;--> statement-breakpoint
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_note_id_thread_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."thread_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "note_mentions_unread_idx" ON "note_mentions" USING btree ("staff_user_id","thread_id") WHERE "note_mentions"."read_at" is null;--> statement-breakpoint
CREATE INDEX "note_mentions_staff_thread_idx" ON "note_mentions" USING btree ("staff_user_id","thread_id");