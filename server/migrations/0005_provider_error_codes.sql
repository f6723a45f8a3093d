ALTER TABLE "contacts" ADD COLUMN "whatsapp_unreachable_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_logs" ADD COLUMN "provider_error_code" text;--> statement-breakpoint
ALTER TABLE "message_logs" ADD COLUMN "provider_error_text" text;--> statement-breakpoint
ALTER TABLE "message_logs" ADD COLUMN "failure_dismissed_at" timestamp with time zone;