ALTER TABLE "contacts" ADD COLUMN "marketing_opted_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_preference_at" timestamp with time zone;