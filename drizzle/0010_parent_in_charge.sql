CREATE TABLE "sign_in_links" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_links_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent_recipients" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"email" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_recipients_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "consent_recipients_kind_check" CHECK ("consent_recipients"."kind" in ('youth_protection_worker', 'care_provider', 'lawyer', 'court', 'municipality', 'school', 'referrer', 'other'))
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"categories" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"given_via" text NOT NULL,
	"staff_note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_note" text,
	CONSTRAINT "consents_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "consents_period_check" CHECK ("consents"."valid_until" >= "consents"."valid_from"),
	CONSTRAINT "consents_given_via_check" CHECK ("consents"."given_via" in ('portal', 'staff') and ("consents"."given_via" = 'portal' or "consents"."staff_note" is not null)),
	CONSTRAINT "consents_categories_check" CHECK (cardinality("consents"."categories") > 0 and "consents"."categories" <@ array['reports', 'plan', 'letters', 'documents', 'agreements', 'progress']::text[])
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"category" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"channel" text NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"token_hash" text,
	"expires_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	CONSTRAINT "shares_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "shares_channel_check" CHECK ("shares"."channel" in ('mail_link', 'referrer_notice', 'handed_over'))
);
--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"requested_text" text NOT NULL,
	"explanation" text,
	"status" text DEFAULT 'open' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"previous_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "correction_requests_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "correction_requests_status_check" CHECK ("correction_requests"."status" in ('open', 'accepted', 'rejected')),
	CONSTRAINT "correction_requests_decision_check" CHECK ("correction_requests"."status" = 'open' or ("correction_requests"."decided_by" is not null and "correction_requests"."decided_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "destruction_records" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"destroyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL,
	CONSTRAINT "destruction_records_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "destruction_records_rule_check" CHECK ("destruction_records"."rule" in ('retention', 'erasure_request'))
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_reason" text,
	CONSTRAINT "legal_holds_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_requests_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "privacy_requests_kind_check" CHECK ("privacy_requests"."kind" in ('objection', 'erasure')),
	CONSTRAINT "privacy_requests_status_check" CHECK ("privacy_requests"."status" in ('open', 'accepted', 'rejected')),
	CONSTRAINT "privacy_requests_decision_check" CHECK ("privacy_requests"."status" = 'open' or ("privacy_requests"."decided_by" is not null and "privacy_requests"."decided_at" is not null and "privacy_requests"."decision_note" is not null))
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "link_ref" text;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sign_in_links" ADD CONSTRAINT "sign_in_links_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_recipients" ADD CONSTRAINT "consent_recipients_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_recipients" ADD CONSTRAINT "consent_recipients_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_recipient_id_consent_recipients_org_id_id_fk" FOREIGN KEY ("org_id","recipient_id") REFERENCES "public"."consent_recipients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_recorded_by_users_org_id_id_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_org_id_revoked_by_users_org_id_id_fk" FOREIGN KEY ("org_id","revoked_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_org_id_consent_id_consents_org_id_id_fk" FOREIGN KEY ("org_id","consent_id") REFERENCES "public"."consents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_org_id_recipient_id_consent_recipients_org_id_id_fk" FOREIGN KEY ("org_id","recipient_id") REFERENCES "public"."consent_recipients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_org_id_requested_by_users_org_id_id_fk" FOREIGN KEY ("org_id","requested_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_org_id_decided_by_users_org_id_id_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_org_id_set_by_users_org_id_id_fk" FOREIGN KEY ("org_id","set_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_org_id_lifted_by_users_org_id_id_fk" FOREIGN KEY ("org_id","lifted_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_org_id_requested_by_users_org_id_id_fk" FOREIGN KEY ("org_id","requested_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_org_id_decided_by_users_org_id_id_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_links_token_idx" ON "sign_in_links" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE INDEX "sign_in_links_user_idx" ON "sign_in_links" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "consent_recipients_trajectory_idx" ON "consent_recipients" USING btree ("org_id","trajectory_id");--> statement-breakpoint
CREATE INDEX "consents_trajectory_idx" ON "consents" USING btree ("org_id","trajectory_id","recipient_id");--> statement-breakpoint
CREATE INDEX "shares_trajectory_idx" ON "shares" USING btree ("org_id","trajectory_id","shared_at");--> statement-breakpoint
CREATE INDEX "shares_token_idx" ON "shares" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE INDEX "correction_requests_trajectory_idx" ON "correction_requests" USING btree ("org_id","trajectory_id","created_at");--> statement-breakpoint
CREATE INDEX "correction_requests_open_idx" ON "correction_requests" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "destruction_records_time_idx" ON "destruction_records" USING btree ("org_id","destroyed_at");--> statement-breakpoint
CREATE INDEX "legal_holds_trajectory_idx" ON "legal_holds" USING btree ("org_id","trajectory_id");--> statement-breakpoint
CREATE INDEX "privacy_requests_trajectory_idx" ON "privacy_requests" USING btree ("org_id","trajectory_id","created_at");--> statement-breakpoint
-- Consent history is never deleted while the dossier exists (issue 6). Only the dossier's erasure
-- (retention job or accepted erasure request) may remove it: it sets naast.erasing for its transaction.
-- Updates may only revoke.
CREATE OR REPLACE FUNCTION naast_consents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF coalesce(current_setting('naast.erasing', true), '') <> 'on' THEN
      RAISE EXCEPTION 'consent history is kept while the dossier exists' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.org_id, NEW.id, NEW.trajectory_id, NEW.recipient_id, NEW.purpose, NEW.categories, NEW.valid_from, NEW.valid_until, NEW.given_via, NEW.staff_note, NEW.recorded_by, NEW.created_at)
     IS DISTINCT FROM (OLD.org_id, OLD.id, OLD.trajectory_id, OLD.recipient_id, OLD.purpose, OLD.categories, OLD.valid_from, OLD.valid_until, OLD.given_via, OLD.staff_note, OLD.recorded_by, OLD.created_at)
     OR OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'a consent can only be revoked, once' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER consents_guard BEFORE UPDATE OR DELETE ON consents FOR EACH ROW EXECUTE FUNCTION naast_consents_guard();
