CREATE TABLE "application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_no" text NOT NULL,
	"list_id" uuid NOT NULL,
	"list_version_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"accepting_organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"applicant_account_id" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"enterprise_id" uuid,
	"applicant_name" text NOT NULL,
	"filed_by" text,
	"form_sealed" text NOT NULL,
	"process_instance_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"due_date" date,
	"statutory_due_date" date,
	"completed_at" timestamp with time zone,
	"decision_reason" text,
	"supplement" jsonb,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"pending_materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_no_key" UNIQUE("application_no"),
	CONSTRAINT "application_no_check" CHECK ("application"."application_no" ~ '^[0-9]{20}$')
);
--> statement-breakpoint
CREATE TABLE "application_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"actor_id" text,
	"actor_organisation_id" uuid,
	"detail" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_no_counter" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_submission" (
	"account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"application_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_submission_pk" PRIMARY KEY("account_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "application_event" ADD CONSTRAINT "application_event_application_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_applicant_idx" ON "application" USING btree ("applicant_account_id","submitted_at");--> statement-breakpoint
CREATE INDEX "application_organisation_idx" ON "application" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "application_accepting_idx" ON "application" USING btree ("accepting_organisation_id","status");--> statement-breakpoint
CREATE INDEX "application_event_application_idx" ON "application_event" USING btree ("application_id","at");