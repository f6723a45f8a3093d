DROP INDEX "jobs_claim_idx";--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("queue","priority" DESC NULLS FIRST,"run_at","id") WHERE "jobs"."status" = 'QUEUED';