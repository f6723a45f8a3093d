CREATE TABLE "report_error_hours" (
	"property_id" integer,
	"hour" timestamp NOT NULL,
	"channel" "message_channel" NOT NULL,
	"provider_error_code" text NOT NULL,
	"error_code" text,
	"sample_text" text,
	"messages" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_message_hours" (
	"property_id" integer,
	"hour" timestamp NOT NULL,
	"channel" "message_channel" NOT NULL,
	"direction" "message_direction" NOT NULL,
	"status" "message_status" NOT NULL,
	"messages" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"last_dirty_hours" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_thread_hours" (
	"property_id" integer,
	"hour" timestamp NOT NULL,
	"opened" integer NOT NULL,
	"resolved" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_threads" (
	"thread_id" integer PRIMARY KEY NOT NULL,
	"property_id" integer,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"first_message_at" timestamp with time zone,
	"first_message_inbound" boolean
);
--> statement-breakpoint
CREATE INDEX "report_error_hours_hour_idx" ON "report_error_hours" USING btree ("hour","property_id");--> statement-breakpoint
CREATE INDEX "report_message_hours_hour_idx" ON "report_message_hours" USING btree ("hour","property_id");--> statement-breakpoint
CREATE INDEX "report_thread_hours_hour_idx" ON "report_thread_hours" USING btree ("hour","property_id");--> statement-breakpoint
CREATE INDEX "report_threads_property_zone_idx" ON "report_threads" USING btree ("property_id","timezone");--> statement-breakpoint
CREATE INDEX "message_logs_updated_idx" ON "message_logs" USING btree ("updated_at");