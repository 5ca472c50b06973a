CREATE TABLE "message_delivery" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"account_id" text NOT NULL,
	"address_sealed" text NOT NULL,
	"address_masked" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"source_event_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_delivery_source_key" UNIQUE("channel","account_id","source_event_id")
);
--> statement-breakpoint
CREATE TABLE "message_preference" (
	"account_id" text PRIMARY KEY NOT NULL,
	"email_sealed" text,
	"email_masked" text,
	"channels" text[] DEFAULT '{inApp}'::text[] NOT NULL,
	"quiet_start" text,
	"quiet_end" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "message_delivery_due_idx" ON "message_delivery" USING btree ("status","next_attempt_at");