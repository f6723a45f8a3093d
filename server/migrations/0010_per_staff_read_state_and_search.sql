CREATE TABLE "thread_reads" (
	"thread_id" integer NOT NULL,
	"staff_user_id" integer NOT NULL,
	"read_inbound_count" integer DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"marked_unread" boolean DEFAULT false NOT NULL,
	CONSTRAINT "thread_reads_thread_id_staff_user_id_pk" PRIMARY KEY("thread_id","staff_user_id")
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "notify_desktop" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "notify_show_body" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "notify_sound" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "inbound_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "thread_reads" ADD CONSTRAINT "thread_reads_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_reads" ADD CONSTRAINT "thread_reads_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "thread_reads_staff_user_id_index" ON "thread_reads" USING btree ("staff_user_id");--> statement-breakpoint
CREATE INDEX "bookings_reference_trgm_idx" ON "bookings" USING gin ("reference" gin_trgm_ops);--> statement-breakpoint
-- What was unread before per-person read state stays unread for everyone.
UPDATE "threads" SET "inbound_count" = "unread_count";
