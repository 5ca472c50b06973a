CREATE TABLE "workflow_definition" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"xml" text NOT NULL,
	"model" jsonb NOT NULL,
	"deployed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_definition_key_version_key" UNIQUE("key","version"),
	CONSTRAINT "workflow_definition_version_check" CHECK ("workflow_definition"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "workflow_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"node_id" text,
	"event" text NOT NULL,
	"actor_id" text,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_instance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"definition_id" uuid NOT NULL,
	"business_key" text NOT NULL,
	"status" text NOT NULL,
	"variables" jsonb NOT NULL,
	"parent_instance_id" uuid,
	"parent_token_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"name" text NOT NULL,
	"business_key" text NOT NULL,
	"candidate_role" text NOT NULL,
	"candidate_organisation_id" text NOT NULL,
	"element" jsonb,
	"status" text NOT NULL,
	"assignee" text,
	"claimed_at" timestamp with time zone,
	"due_date" date,
	"outcome" jsonb,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_token" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workflow_instance" ADD CONSTRAINT "workflow_instance_definition_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."workflow_definition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_task" ADD CONSTRAINT "workflow_task_instance_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."workflow_instance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_token" ADD CONSTRAINT "workflow_token_instance_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."workflow_instance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_history_instance_idx" ON "workflow_history" USING btree ("instance_id","at");--> statement-breakpoint
CREATE INDEX "workflow_instance_business_key_idx" ON "workflow_instance" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "workflow_instance_parent_idx" ON "workflow_instance" USING btree ("parent_instance_id");--> statement-breakpoint
CREATE INDEX "workflow_task_candidate_idx" ON "workflow_task" USING btree ("candidate_organisation_id","status","due_date");--> statement-breakpoint
CREATE INDEX "workflow_task_instance_idx" ON "workflow_task" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "workflow_task_token_idx" ON "workflow_task" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "workflow_token_instance_idx" ON "workflow_token" USING btree ("instance_id");