CREATE TABLE "application_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "application_file_storage_key" UNIQUE("storage_key"),
	CONSTRAINT "application_file_size_check" CHECK ("application_file"."size_bytes" > 0),
	CONSTRAINT "application_file_sha256_check" CHECK ("application_file"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "application_file" ADD CONSTRAINT "application_file_application_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_file_material_idx" ON "application_file" USING btree ("application_id","material_key");