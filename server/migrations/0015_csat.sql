CREATE TABLE "csat_settings" (
	"property_id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"delay_minutes" integer DEFAULT 30 NOT NULL,
	"template_name" text,
	"survey_text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csat_surveys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "csat_surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"thread_id" integer NOT NULL,
	"property_id" integer,
	"contact_id" integer NOT NULL,
	"resolved_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"skip_reason" text,
	"channel" text,
	"kind" text,
	"message_id" integer,
	"sent_at" timestamp with time zone,
	"rating" smallint,
	"rated_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "csat_settings" ADD CONSTRAINT "csat_settings_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_message_id_message_logs_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message_logs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "csat_surveys_one_per_resolution" ON "csat_surveys" USING btree ("thread_id","resolved_at");--> statement-breakpoint
CREATE INDEX "csat_surveys_contact_awaiting_idx" ON "csat_surveys" USING btree ("contact_id","sent_at") WHERE "csat_surveys"."status" in ('SENT', 'ANSWERED');--> statement-breakpoint
CREATE INDEX "csat_surveys_property_resolved_idx" ON "csat_surveys" USING btree ("property_id","resolved_at");