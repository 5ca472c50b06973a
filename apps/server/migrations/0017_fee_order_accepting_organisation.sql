ALTER TABLE "fee_order" ADD COLUMN "accepting_organisation_id" uuid;--> statement-breakpoint
CREATE INDEX "fee_order_accepting_idx" ON "fee_order" USING btree ("accepting_organisation_id","created_at");--> statement-breakpoint
-- orders made before: the application they belong to says who accepts it
UPDATE "fee_order" AS o SET "accepting_organisation_id" = a."accepting_organisation_id"
  FROM "application" AS a WHERE a."id" = o."application_id";
