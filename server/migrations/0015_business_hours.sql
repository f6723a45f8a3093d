CREATE TABLE "auto_reply_sends" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auto_reply_sends_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"property_id" integer NOT NULL,
	"thread_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"inbound_message_id" integer,
	"message_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_auto_replies" (
	"property_id" integer PRIMARY KEY NOT NULL,
	"out_of_hours_enabled" boolean DEFAULT false NOT NULL,
	"out_of_hours_text" text DEFAULT '' NOT NULL,
	"out_of_hours_template_name" text,
	"out_of_hours_template_params" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_interval_minutes" integer DEFAULT 720 NOT NULL,
	"greeting_enabled" boolean DEFAULT false NOT NULL,
	"greeting_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_business_hours" (
	"property_id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"weekly" jsonb NOT NULL,
	"closures" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_inbound_message_id_message_logs_id_fk" FOREIGN KEY ("inbound_message_id") REFERENCES "public"."message_logs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_reply_sends" ADD CONSTRAINT "auto_reply_sends_message_id_message_logs_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message_logs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_auto_replies" ADD CONSTRAINT "property_auto_replies_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_business_hours" ADD CONSTRAINT "property_business_hours_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_reply_sends_thread_id_kind_created_at_index" ON "auto_reply_sends" USING btree ("thread_id","kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "auto_reply_sends_one_greeting_idx" ON "auto_reply_sends" USING btree ("contact_id") WHERE "auto_reply_sends"."kind" = 'GREETING';