CREATE TABLE "composer_drafts" (
	"staff_user_id" integer NOT NULL,
	"thread_id" integer NOT NULL,
	"channel" text NOT NULL,
	"body" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "composer_drafts_staff_user_id_thread_id_channel_pk" PRIMARY KEY("staff_user_id","thread_id","channel")
);
--> statement-breakpoint
CREATE TABLE "outbound_uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"thread_id" integer NOT NULL,
	"property_id" integer,
	"staff_user_id" integer,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"media_type" text NOT NULL,
	"extension" text NOT NULL,
	"filename" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_uploads_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "composer_drafts" ADD CONSTRAINT "composer_drafts_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "composer_drafts" ADD CONSTRAINT "composer_drafts_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_uploads" ADD CONSTRAINT "outbound_uploads_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_uploads" ADD CONSTRAINT "outbound_uploads_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_uploads" ADD CONSTRAINT "outbound_uploads_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "composer_drafts_thread_id_index" ON "composer_drafts" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "outbound_uploads_thread_id_index" ON "outbound_uploads" USING btree ("thread_id");