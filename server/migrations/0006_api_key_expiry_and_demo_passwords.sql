ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "has_demo_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Demo accounts seeded before this release share the password once published in the README; they count
-- as still on it (the server refuses the real Gupshup until each is reset or deactivated).
UPDATE "staff_users" SET "has_demo_password" = true WHERE "email" LIKE '%@commhub.example';
