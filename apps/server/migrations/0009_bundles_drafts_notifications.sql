CREATE TABLE "application_draft" (
	"account_id" text NOT NULL,
	"target" text NOT NULL,
	"title" text NOT NULL,
	"form_sealed" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_draft_pk" PRIMARY KEY("account_id","target")
);
--> statement-breakpoint
CREATE TABLE "bundle_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_no" text NOT NULL,
	"bundle_code" text NOT NULL,
	"bundle_name" text NOT NULL,
	"region_code" text NOT NULL,
	"accepting_organisation_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"applicant_account_id" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"enterprise_id" uuid,
	"applicant_name" text NOT NULL,
	"form_sealed" text NOT NULL,
	"delivery_method" text DEFAULT 'online' NOT NULL,
	"delivery_address_sealed" text,
	"promised_limit_days" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_application_no_key" UNIQUE("application_no"),
	CONSTRAINT "bundle_application_no_check" CHECK ("bundle_application"."application_no" ~ '^[0-9]{20}$')
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"source_event_id" text NOT NULL,
	"urgent" text DEFAULT 'normal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notification_source_key" UNIQUE("account_id","source_event_id")
);
--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "bundle_application_id" uuid;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "bundle_stage" integer;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "delivery_method" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "delivery_address_sealed" text;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "result_no" text;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "delivery" jsonb;--> statement-breakpoint
ALTER TABLE "application_submission" ADD COLUMN "target" text DEFAULT 'application' NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_task" ADD COLUMN "warn_date" date;--> statement-breakpoint
ALTER TABLE "workflow_task" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "bundle_application_applicant_idx" ON "bundle_application" USING btree ("applicant_account_id","submitted_at");--> statement-breakpoint
CREATE INDEX "notification_inbox_idx" ON "notification" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "application_bundle_idx" ON "application" USING btree ("bundle_application_id");