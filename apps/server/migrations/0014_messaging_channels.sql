CREATE TABLE "message_template" (
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_template_pk" PRIMARY KEY("kind","locale")
);
--> statement-breakpoint
CREATE TABLE "task_deadline_warning" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"warned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"kinds" text[] NOT NULL,
	"description" text,
	"active" text DEFAULT 'active' NOT NULL,
	"secret_sealed" text NOT NULL,
	"secret_rotated_at" timestamp with time zone NOT NULL,
	"previous_secret_sealed" text,
	"previous_secret_until" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_delivery" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "message_delivery" ALTER COLUMN "address_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "message_delivery" ADD COLUMN "endpoint_id" uuid;--> statement-breakpoint
ALTER TABLE "message_delivery" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "message_delivery" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_delivery" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "message_preference" ADD COLUMN "locale" text DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_endpoint_organisation_idx" ON "webhook_endpoint" USING btree ("organisation_id","active");--> statement-breakpoint
ALTER TABLE "message_delivery" ADD CONSTRAINT "message_delivery_endpoint_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoint"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_delivery_provider_idx" ON "message_delivery" USING btree ("provider_message_id");--> statement-breakpoint
ALTER TABLE "message_delivery" ADD CONSTRAINT "message_delivery_endpoint_source_key" UNIQUE("endpoint_id","source_event_id");--> statement-breakpoint
ALTER TABLE "message_delivery" ADD CONSTRAINT "message_delivery_recipient_check" CHECK (CASE WHEN "message_delivery"."channel" = 'webhook'
               THEN "message_delivery"."endpoint_id" IS NOT NULL AND "message_delivery"."account_id" IS NULL
               ELSE "message_delivery"."account_id" IS NOT NULL AND "message_delivery"."endpoint_id" IS NULL
                    AND "message_delivery"."address_sealed" IS NOT NULL END);--> statement-breakpoint
ALTER TABLE "message_preference" ADD CONSTRAINT "message_preference_locale_check" CHECK ("message_preference"."locale" IN ('zh-CN', 'en'));