CREATE TYPE "public"."message_channel" AS ENUM('WHATSAPP', 'SMS');--> statement-breakpoint
CREATE TYPE "public"."message_direction" AS ENUM('INBOUND', 'OUTBOUND');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('ADMIN', 'MANAGER', 'AGENT');--> statement-breakpoint
CREATE TYPE "public"."thread_status" AS ENUM('OPEN', 'PENDING', 'SNOOZED', 'RESOLVED');--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" integer,
	"actor_ip" text,
	"action" text NOT NULL,
	"property_id" integer,
	"target_type" text,
	"target_id" text,
	"outcome" text DEFAULT 'SUCCESS' NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"contact_id" integer,
	"property_id" integer NOT NULL,
	"guest_name" text,
	"phone" text,
	"email" text,
	"check_in" date NOT NULL,
	"check_out" date NOT NULL,
	"status" text DEFAULT 'CONFIRMED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "call_logs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "call_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contact_id" integer,
	"thread_id" integer,
	"booking_id" integer,
	"direction" "message_direction" NOT NULL,
	"status" text NOT NULL,
	"phone" text NOT NULL,
	"from_number" text,
	"to_number" text,
	"duration_seconds" integer,
	"recording_url" text,
	"provider" text,
	"provider_call_id" text,
	"metadata" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_logs_providerCallId_unique" UNIQUE("provider_call_id")
);
--> statement-breakpoint
CREATE TABLE "email_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contact_id" integer,
	"thread_id" integer,
	"booking_id" integer,
	"direction" "message_direction" NOT NULL,
	"from_email" text NOT NULL,
	"from_name" text,
	"to_email" text NOT NULL,
	"subject" text,
	"body" text,
	"message_id" text,
	"status" text,
	"sent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_messages_messageId_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"phone" text,
	"name" text,
	"email" text,
	"whatsapp_opted_out" boolean DEFAULT false NOT NULL,
	"whatsapp_opted_out_at" timestamp with time zone,
	"sms_opted_out" boolean DEFAULT false NOT NULL,
	"sms_opted_out_at" timestamp with time zone,
	"metadata" jsonb,
	"merged_into_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"singleton_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "message_logs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contact_id" integer,
	"channel" "message_channel" NOT NULL,
	"direction" "message_direction" NOT NULL,
	"status" "message_status" DEFAULT 'PENDING' NOT NULL,
	"status_rank" smallint DEFAULT 0 NOT NULL,
	"phone" text NOT NULL,
	"message" text,
	"template_id" text,
	"template_params" jsonb,
	"provider" text DEFAULT 'GUPSHUP' NOT NULL,
	"provider_message_id" text,
	"whatsapp_message_id" text,
	"provider_status" text,
	"provider_timestamp" timestamp with time zone,
	"metadata" jsonb,
	"error_message" text,
	"error_code" text,
	"failure_kind" text,
	"booking_id" integer,
	"thread_id" integer,
	"send_state" text,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"idempotency_scope" text,
	"idempotency_key" text,
	"request_hash" text,
	"sender_staff_id" integer,
	"sender_api_key_id" integer,
	"reply_to_provider_id" text,
	"media_type" text,
	"media_url" text,
	"media_caption" text,
	"media_filename" text,
	"media_mime_type" text,
	"media_status" text,
	"media_storage_path" text,
	"media_size" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "message_logs_providerMessageId_unique" UNIQUE("provider_message_id")
);
--> statement-breakpoint
CREATE TABLE "message_status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" integer,
	"provider_message_id" text,
	"whatsapp_message_id" text,
	"status" "message_status" NOT NULL,
	"provider_status" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"error_code" text,
	"error_reason" text,
	"event_key" text NOT NULL,
	"webhook_event_id" bigint,
	"raw" jsonb,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_status_events_eventKey_unique" UNIQUE("event_key")
);
--> statement-breakpoint
CREATE TABLE "send_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "send_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" integer NOT NULL,
	"attempt_no" integer NOT NULL,
	"outcome" text,
	"http_status" integer,
	"provider_code" text,
	"error" text,
	"provider_message_id" text,
	"duration_ms" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"provider_template_id" text NOT NULL,
	"name" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"category" text,
	"body" text NOT NULL,
	"param_count" integer DEFAULT 0 NOT NULL,
	"header_type" text,
	"status" text DEFAULT 'APPROVED' NOT NULL,
	"channel" "message_channel" DEFAULT 'WHATSAPP' NOT NULL,
	"synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "templates_providerTemplateId_unique" UNIQUE("provider_template_id")
);
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "properties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'Asia/Kolkata' NOT NULL,
	"whatsapp_number" text,
	"sms_sender" text,
	"assignment_policy" text DEFAULT 'BOOKING_LINKED' NOT NULL,
	"round_robin_last_staff_id" integer,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "properties_code_unique" UNIQUE("code"),
	CONSTRAINT "properties_whatsappNumber_unique" UNIQUE("whatsapp_number")
);
--> statement-breakpoint
CREATE TABLE "realtime_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "realtime_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"property_id" integer,
	"thread_id" integer,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_key_properties" (
	"api_key_id" integer NOT NULL,
	"property_id" integer NOT NULL,
	CONSTRAINT "api_key_properties_api_key_id_property_id_pk" PRIMARY KEY("api_key_id","property_id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "property_memberships" (
	"staff_user_id" integer NOT NULL,
	"property_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_memberships_staff_user_id_property_id_pk" PRIMARY KEY("staff_user_id","property_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" DEFAULT 'AGENT' NOT NULL,
	"password_hash" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_available" boolean DEFAULT true NOT NULL,
	"max_open_threads" integer,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "thread_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "thread_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"thread_id" integer NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" integer,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thread_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "thread_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"thread_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "threads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contact_id" integer NOT NULL,
	"property_id" integer,
	"booking_id" integer,
	"subject" text,
	"status" "thread_status" DEFAULT 'OPEN' NOT NULL,
	"snoozed_until" timestamp with time zone,
	"assignee_id" integer,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_preview" text,
	"last_inbound_at" timestamp with time zone,
	"last_inbound_channel" text,
	"last_whatsapp_inbound_at" timestamp with time zone,
	"last_sms_inbound_at" timestamp with time zone,
	"unread_count" integer DEFAULT 0 NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"provider" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'RECEIVED' NOT NULL,
	"raw_body" text NOT NULL,
	"body_encoding" text DEFAULT 'utf8' NOT NULL,
	"content_type" text,
	"method" text DEFAULT 'POST' NOT NULL,
	"query" text,
	"headers" jsonb,
	"source_ip" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_logs" ADD CONSTRAINT "message_logs_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_logs" ADD CONSTRAINT "message_logs_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_status_events" ADD CONSTRAINT "message_status_events_message_id_message_logs_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_attempts" ADD CONSTRAINT "send_attempts_message_id_message_logs_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_key_properties" ADD CONSTRAINT "api_key_properties_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_key_properties" ADD CONSTRAINT "api_key_properties_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_staff_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_memberships" ADD CONSTRAINT "property_memberships_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_memberships" ADD CONSTRAINT "property_memberships_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_events" ADD CONSTRAINT "thread_events_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_notes" ADD CONSTRAINT "thread_notes_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_notes" ADD CONSTRAINT "thread_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_assignee_id_staff_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_logs_at_index" ON "audit_logs" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_logs_action_at_index" ON "audit_logs" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_logs_property_id_at_index" ON "audit_logs" USING btree ("property_id","at");--> statement-breakpoint
CREATE INDEX "bookings_contact_id_check_out_index" ON "bookings" USING btree ("contact_id","check_out");--> statement-breakpoint
CREATE INDEX "bookings_property_id_index" ON "bookings" USING btree ("property_id");--> statement-breakpoint
CREATE INDEX "call_logs_thread_id_started_at_index" ON "call_logs" USING btree ("thread_id","started_at");--> statement-breakpoint
CREATE INDEX "call_logs_contact_id_started_at_index" ON "call_logs" USING btree ("contact_id","started_at");--> statement-breakpoint
CREATE INDEX "call_logs_phone_index" ON "call_logs" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "email_messages_thread_id_sent_at_index" ON "email_messages" USING btree ("thread_id","sent_at");--> statement-breakpoint
CREATE INDEX "email_messages_contact_id_sent_at_index" ON "email_messages" USING btree ("contact_id","sent_at");--> statement-breakpoint
CREATE INDEX "contacts_email_lower_idx" ON "contacts" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("queue","priority","run_at") WHERE "jobs"."status" = 'QUEUED';--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("locked_until") WHERE "jobs"."status" = 'ACTIVE';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_singleton_idx" ON "jobs" USING btree ("queue","singleton_key") WHERE "jobs"."status" in ('QUEUED', 'ACTIVE');--> statement-breakpoint
CREATE INDEX "message_logs_thread_time_idx" ON "message_logs" USING btree ("thread_id","created_at","id");--> statement-breakpoint
CREATE INDEX "message_logs_contact_time_idx" ON "message_logs" USING btree ("contact_id","created_at" desc);--> statement-breakpoint
CREATE INDEX "message_logs_phone_index" ON "message_logs" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "message_logs_booking_id_index" ON "message_logs" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "message_logs_whatsapp_message_id_index" ON "message_logs" USING btree ("whatsapp_message_id");--> statement-breakpoint
CREATE INDEX "message_logs_created_idx" ON "message_logs" USING btree ("created_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "message_logs_attention_idx" ON "message_logs" USING btree ("status","updated_at") WHERE "message_logs"."status" = 'FAILED' or "message_logs"."send_state" = 'UNKNOWN';--> statement-breakpoint
CREATE UNIQUE INDEX "message_logs_idempotency_idx" ON "message_logs" USING btree ("idempotency_scope","idempotency_key");--> statement-breakpoint
CREATE INDEX "message_status_events_message_id_created_at_index" ON "message_status_events" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "message_status_events_held_idx" ON "message_status_events" USING btree ("provider_message_id") WHERE "message_status_events"."message_id" is null;--> statement-breakpoint
CREATE INDEX "message_status_events_held_wa_idx" ON "message_status_events" USING btree ("whatsapp_message_id") WHERE "message_status_events"."message_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "send_attempts_message_id_attempt_no_index" ON "send_attempts" USING btree ("message_id","attempt_no");--> statement-breakpoint
CREATE INDEX "realtime_events_created_at_index" ON "realtime_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "property_memberships_property_id_index" ON "property_memberships" USING btree ("property_id");--> statement-breakpoint
CREATE INDEX "sessions_staff_user_id_index" ON "sessions" USING btree ("staff_user_id");--> statement-breakpoint
CREATE INDEX "thread_events_thread_id_created_at_index" ON "thread_events" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "thread_notes_thread_id_created_at_index" ON "thread_notes" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "threads_one_open_per_contact_property" ON "threads" USING btree ("contact_id",coalesce("property_id", 0)) WHERE "threads"."status" <> 'RESOLVED';--> statement-breakpoint
CREATE INDEX "threads_property_status_activity_idx" ON "threads" USING btree ("property_id","status","last_message_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "threads_assignee_activity_idx" ON "threads" USING btree ("assignee_id","last_message_at" desc);--> statement-breakpoint
CREATE INDEX "threads_activity_idx" ON "threads" USING btree ("last_message_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "threads_contact_id_index" ON "threads" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "threads_booking_id_index" ON "threads" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_provider_dedupe_key_index" ON "webhook_events" USING btree ("provider","dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_events_status_received_at_index" ON "webhook_events" USING btree ("status","received_at");