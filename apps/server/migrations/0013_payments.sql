CREATE TABLE "fee_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"application_id" uuid NOT NULL,
	"application_no" text NOT NULL,
	"item_name" text NOT NULL,
	"stage" text NOT NULL,
	"items" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"payer_account_id" text NOT NULL,
	"payer_enterprise_id" uuid,
	"payer_name_masked" text NOT NULL,
	"payee_organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"paid_attempt_id" uuid,
	"receipt_no" text,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fee_order_no_key" UNIQUE("order_no"),
	CONSTRAINT "fee_order_application_stage_key" UNIQUE("application_id","stage"),
	CONSTRAINT "fee_order_receipt_key" UNIQUE("receipt_no"),
	CONSTRAINT "fee_order_paid_attempt_key" UNIQUE("paid_attempt_id"),
	CONSTRAINT "fee_order_total_check" CHECK ("fee_order"."total_fen" > 0),
	CONSTRAINT "fee_order_paid_check" CHECK ("fee_order"."paid_fen" = 0 OR "fee_order"."paid_fen" = "fee_order"."total_fen"),
	CONSTRAINT "fee_order_refunded_check" CHECK ("fee_order"."refunded_fen" >= 0 AND "fee_order"."refunded_fen" <= "fee_order"."paid_fen"),
	CONSTRAINT "fee_order_status_check" CHECK (("fee_order"."status" IN ('unpaid', 'cancelled') AND "fee_order"."paid_fen" = 0)
        OR ("fee_order"."status" = 'paid' AND "fee_order"."paid_fen" > 0 AND "fee_order"."refunded_fen" = 0)
        OR ("fee_order"."status" = 'partially-refunded' AND "fee_order"."refunded_fen" > 0 AND "fee_order"."refunded_fen" < "fee_order"."paid_fen")
        OR ("fee_order"."status" = 'refunded' AND "fee_order"."paid_fen" > 0 AND "fee_order"."refunded_fen" = "fee_order"."paid_fen"))
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"order_id" uuid NOT NULL,
	"debit_account" text NOT NULL,
	"credit_account" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"organisation_id" uuid NOT NULL,
	"non_tax_revenue_code" text,
	"item_name" text,
	"business_date" date NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entry_source_key" UNIQUE("kind","source_id","line"),
	CONSTRAINT "ledger_entry_amount_check" CHECK ("ledger_entry"."amount_fen" > 0),
	CONSTRAINT "ledger_entry_accounts_check" CHECK ("ledger_entry"."debit_account" <> "ledger_entry"."credit_account")
);
--> statement-breakpoint
CREATE TABLE "payment_attempt" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"gateway" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"cashier_url" text,
	"gateway_trade_no" text,
	"unapplied" boolean DEFAULT false NOT NULL,
	"failure_reason" text,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"last_queried_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_attempt_out_trade_no_key" UNIQUE("out_trade_no"),
	CONSTRAINT "payment_attempt_amount_check" CHECK ("payment_attempt"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_callback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"notification_id" text,
	"verified" boolean NOT NULL,
	"out_trade_no" text,
	"trade_status" text,
	"amount_fen" bigint,
	"outcome" text NOT NULL,
	"error" text,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"body" text,
	"received_at" timestamp with time zone NOT NULL,
	"last_received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_number_counter" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_reconciliation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"business_date" date NOT NULL,
	"status" text NOT NULL,
	"report" jsonb NOT NULL,
	"runs" integer DEFAULT 1 NOT NULL,
	"ran_by" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_reconciliation_day_key" UNIQUE("gateway","business_date")
);
--> statement-breakpoint
CREATE TABLE "payment_refund" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"status" text NOT NULL,
	"gateway_refund_no" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "payment_refund_out_refund_no_key" UNIQUE("out_refund_no"),
	CONSTRAINT "payment_refund_amount_check" CHECK ("payment_refund"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_request" (
	"account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"target_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_request_pk" PRIMARY KEY("account_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "sim_refund" (
	"refund_no" text PRIMARY KEY NOT NULL,
	"out_refund_no" text NOT NULL,
	"trade_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sim_refund_out_refund_no_key" UNIQUE("out_refund_no"),
	CONSTRAINT "sim_refund_amount_check" CHECK ("sim_refund"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "sim_trade" (
	"trade_no" text PRIMARY KEY NOT NULL,
	"out_trade_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"subject" text NOT NULL,
	"notify_url" text NOT NULL,
	"return_url" text,
	"cashier_token" text NOT NULL,
	"status" text NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"statement_amount_fen" bigint,
	"statement_omitted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sim_trade_out_trade_no_key" UNIQUE("out_trade_no"),
	CONSTRAINT "sim_trade_amount_check" CHECK ("sim_trade"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_order_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fee_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempt" ADD CONSTRAINT "payment_attempt_order_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fee_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_order_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fee_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_attempt_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_order_payer_idx" ON "fee_order" USING btree ("payer_account_id","created_at");--> statement-breakpoint
CREATE INDEX "fee_order_payee_idx" ON "fee_order" USING btree ("payee_organisation_id","paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_order_payment_key" ON "ledger_entry" USING btree ("order_id","line") WHERE "ledger_entry"."kind" = 'payment';--> statement-breakpoint
CREATE INDEX "ledger_entry_organisation_idx" ON "ledger_entry" USING btree ("organisation_id","business_date");--> statement-breakpoint
CREATE INDEX "ledger_entry_date_idx" ON "ledger_entry" USING btree ("business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempt_open_key" ON "payment_attempt" USING btree ("order_id") WHERE "payment_attempt"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "payment_attempt_pending_idx" ON "payment_attempt" USING btree ("status","created_at") WHERE "payment_attempt"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_callback_notification_key" ON "payment_callback" USING btree ("gateway","notification_id") WHERE "payment_callback"."notification_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payment_callback_trade_idx" ON "payment_callback" USING btree ("out_trade_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refund_unapplied_key" ON "payment_refund" USING btree ("attempt_id") WHERE "payment_refund"."kind" = 'unapplied';--> statement-breakpoint
CREATE INDEX "payment_refund_order_idx" ON "payment_refund" USING btree ("order_id");