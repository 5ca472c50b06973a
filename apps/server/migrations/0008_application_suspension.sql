ALTER TABLE "application" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "suspension_kind" text;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "suspended_working_days" integer DEFAULT 0 NOT NULL;