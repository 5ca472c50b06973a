CREATE TABLE "catalog_bundle" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"life_events" text[] NOT NULL,
	"list_kind" text NOT NULL,
	"members" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_bundle_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"item_type" text NOT NULL,
	"sector" text NOT NULL,
	"competent_organisation_id" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"levels" text[] NOT NULL,
	"applicant_kinds" text[] NOT NULL,
	"handling_case" text,
	"keywords" text[] NOT NULL,
	"search_text" text NOT NULL,
	"pinyin_initials" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_item_code_key" UNIQUE("code"),
	CONSTRAINT "catalog_item_code_check" CHECK ("catalog_item"."code" ~ '^[A-Z]{2}[0-9]{11}$')
);
--> statement-breakpoint
CREATE TABLE "catalog_list" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"item_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_list_code_key" UNIQUE("code"),
	CONSTRAINT "catalog_list_item_organisation_key" UNIQUE("item_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_list_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"elements" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"review_note" text,
	"created_by" text NOT NULL,
	"submitted_by" text,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	CONSTRAINT "catalog_list_version_number_key" UNIQUE("list_id","version"),
	CONSTRAINT "catalog_list_version_number_check" CHECK ("catalog_list_version"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "certificate_type" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"holder_kind" text NOT NULL,
	"validity_years" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_type_code_check" CHECK ("certificate_type"."code" ~ '^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$'),
	CONSTRAINT "certificate_type_validity_check" CHECK ("certificate_type"."validity_years" IS NULL OR "certificate_type"."validity_years" > 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_list" ADD CONSTRAINT "catalog_list_item_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_list_version" ADD CONSTRAINT "catalog_list_version_list_fk" FOREIGN KEY ("list_id") REFERENCES "public"."catalog_list"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_list_region_idx" ON "catalog_list" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "catalog_list_organisation_idx" ON "catalog_list" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_list_version_published_idx" ON "catalog_list_version" USING btree ("list_id") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_list_version_pending_idx" ON "catalog_list_version" USING btree ("list_id") WHERE status IN ('draft', 'submitted');--> statement-breakpoint
CREATE INDEX "catalog_list_version_status_idx" ON "catalog_list_version" USING btree ("status");--> statement-breakpoint
-- A filed application binds to a version id, so what a version says may change only while it
-- is a draft, and a version leaves a state only along the publication workflow.
CREATE FUNCTION catalog_list_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'catalog_list_version % is %, only drafts may be deleted', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.elements IS DISTINCT FROM OLD.elements
      OR NEW.metrics IS DISTINCT FROM OLD.metrics OR NEW.list_id <> OLD.list_id
      OR NEW.version <> OLD.version) THEN
    RAISE EXCEPTION 'catalog_list_version % is %, its content is frozen', OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
      (OLD.status = 'draft' AND NEW.status = 'submitted')
      OR (OLD.status = 'submitted' AND NEW.status IN ('draft', 'published'))
      OR (OLD.status = 'published' AND NEW.status IN ('superseded', 'retired'))) THEN
    RAISE EXCEPTION 'catalog_list_version %: % -> % is not a publication step', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER catalog_list_version_guard BEFORE UPDATE OR DELETE ON catalog_list_version
  FOR EACH ROW EXECUTE FUNCTION catalog_list_version_guard();
