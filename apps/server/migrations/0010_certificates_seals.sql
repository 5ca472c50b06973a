CREATE TABLE "application_certificate" (
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"certificate_id" uuid NOT NULL,
	"authorisation_id" uuid NOT NULL,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_certificate_pk" PRIMARY KEY("application_id","material_key","certificate_id")
);
--> statement-breakpoint
CREATE TABLE "certificate" (
	"id" uuid PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"type_code" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_account_id" text,
	"enterprise_id" uuid,
	"holder_name" text NOT NULL,
	"holder_id_hash" text NOT NULL,
	"holder_id_masked" text NOT NULL,
	"issuer_organisation_id" uuid NOT NULL,
	"seal_id" uuid NOT NULL,
	"payload_sealed" text NOT NULL,
	"digest" text NOT NULL,
	"signature" text NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"application_id" uuid,
	"supersedes" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_authorisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"granted_by" text NOT NULL,
	"grantee_organisation_id" uuid NOT NULL,
	"application_id" uuid,
	"scope" text NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_use" (
	"id" uuid PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"authorisation_id" uuid,
	"actor_id" text NOT NULL,
	"organisation_id" uuid,
	"application_id" uuid,
	"purpose" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"status" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"revoke_reason" text,
	"replaced_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate_type" ADD COLUMN "issuing_level" text DEFAULT 'city' NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_type" ADD COLUMN "data_schema" jsonb DEFAULT '{"type":"object"}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_identifier_key" ON "certificate" USING btree ("identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_application_key" ON "certificate" USING btree ("application_id") WHERE "certificate"."application_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "certificate_holder_account_idx" ON "certificate" USING btree ("holder_account_id");--> statement-breakpoint
CREATE INDEX "certificate_enterprise_idx" ON "certificate" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "certificate_holder_id_idx" ON "certificate" USING btree ("holder_id_hash","type_code");--> statement-breakpoint
CREATE INDEX "certificate_authorisation_certificate_idx" ON "certificate_authorisation" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "certificate_use_certificate_idx" ON "certificate_use" USING btree ("certificate_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "seal_key_id_key" ON "seal" USING btree ("key_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seal_one_active_per_organisation" ON "seal" USING btree ("organisation_id") WHERE "seal"."status" = 'active';