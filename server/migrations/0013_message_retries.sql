CREATE TABLE "message_retries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_retries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" integer NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_retries" ADD CONSTRAINT "message_retries_message_id_message_logs_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_retries_message_id_created_at_index" ON "message_retries" USING btree ("message_id","created_at");