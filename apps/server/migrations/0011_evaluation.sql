CREATE TABLE "evaluation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"application_id" uuid,
	"session_id" uuid,
	"follow_up_of_case_id" uuid,
	"rater_account_id" text,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"item_code" text,
	"item_name" text,
	"level" integer NOT NULL,
	"dimensions" jsonb NOT NULL,
	"comment" text,
	"excluded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_session_key" UNIQUE("session_id"),
	CONSTRAINT "evaluation_follow_up_key" UNIQUE("follow_up_of_case_id"),
	CONSTRAINT "evaluation_level_check" CHECK ("evaluation"."level" BETWEEN 1 AND 5),
	CONSTRAINT "evaluation_comment_check" CHECK (char_length("evaluation"."comment") <= 500)
);
--> statement-breakpoint
CREATE TABLE "evaluation_appeal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"ground" text NOT NULL,
	"reasons" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_by_organisation_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "evaluation_appeal_evaluation_key" UNIQUE("evaluation_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"officer_account_id" text NOT NULL,
	"service_window_id" uuid,
	"application_id" uuid,
	"item_code" text,
	"item_name" text,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_session_token_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "rectification_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"visit_due_date" date NOT NULL,
	"rectify_due_date" date NOT NULL,
	"visited_at" timestamp with time zone,
	"visited_by" text,
	"visit_note" text,
	"replied_at" timestamp with time zone,
	"replied_by" text,
	"reply" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_reason" text,
	"escalated_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rectification_case_evaluation_key" UNIQUE("evaluation_id")
);
--> statement-breakpoint
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_session_fk" FOREIGN KEY ("session_id") REFERENCES "public"."evaluation_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_appeal" ADD CONSTRAINT "evaluation_appeal_evaluation_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_case" ADD CONSTRAINT "rectification_case_evaluation_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_application_key" ON "evaluation" USING btree ("application_id") WHERE "evaluation"."kind" = 'perCase';--> statement-breakpoint
CREATE INDEX "evaluation_organisation_idx" ON "evaluation" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "evaluation_rater_idx" ON "evaluation" USING btree ("rater_account_id");--> statement-breakpoint
CREATE INDEX "evaluation_appeal_status_idx" ON "evaluation_appeal" USING btree ("status","filed_at");--> statement-breakpoint
CREATE INDEX "evaluation_session_organisation_idx" ON "evaluation_session" USING btree ("organisation_id","opened_at");--> statement-breakpoint
CREATE INDEX "rectification_case_organisation_idx" ON "rectification_case" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "rectification_case_due_idx" ON "rectification_case" USING btree ("status","rectify_due_date");