CREATE TABLE "media_chunks" (
	"object_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "media_chunks_object_id_seq_pk" PRIMARY KEY("object_id","seq")
);
--> statement-breakpoint
CREATE TABLE "media_objects" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"chunk_size" integer NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media_chunks" ADD CONSTRAINT "media_chunks_object_id_media_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."media_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_objects_key_complete" ON "media_objects" USING btree ("key") WHERE "media_objects"."complete";--> statement-breakpoint
CREATE INDEX "media_objects_key_index" ON "media_objects" USING btree ("key");