CREATE TABLE "application_children" (
	"org_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"first_name" text NOT NULL,
	"birth_year" integer NOT NULL,
	"measure" text NOT NULL,
	CONSTRAINT "application_children_org_id_application_id_id_pk" PRIMARY KEY("org_id","application_id","id"),
	CONSTRAINT "application_children_measure_check" CHECK ("application_children"."measure" in ('none', 'voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation')),
	CONSTRAINT "application_children_birth_year_check" CHECK ("application_children"."birth_year" between 1990 and 2100)
);
--> statement-breakpoint
CREATE TABLE "application_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "application_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "application_people" (
	"org_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"relation" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"safe_contact_note" text,
	CONSTRAINT "application_people_org_id_application_id_id_pk" PRIMARY KEY("org_id","application_id","id"),
	CONSTRAINT "application_people_relation_check" CHECK ("application_people"."relation" in ('parent', 'carer'))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"channel" text NOT NULL,
	"referrer_type" text NOT NULL,
	"referrer_name" text,
	"referrer_organisation" text,
	"referrer_email" text,
	"referrer_phone" text,
	"parent_agreed_to_referral" boolean DEFAULT false NOT NULL,
	"referrer_may_be_told" boolean DEFAULT false NOT NULL,
	"municipality_code" text NOT NULL,
	"postcode" text,
	"location_id" uuid,
	"queue" text NOT NULL,
	"funding" text,
	"financing_needed" boolean DEFAULT false NOT NULL,
	"suggested_referral" text,
	"conflict_summary" text NOT NULL,
	"institutions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preferred_language" text DEFAULT 'nl' NOT NULL,
	"hearing_date" date,
	"urgency_note" text,
	"consent_at" timestamp with time zone NOT NULL,
	"privacy_statement_version" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"first_contact_due_at" timestamp with time zone NOT NULL,
	"first_contact_at" timestamp with time zone,
	"first_contact_by" uuid,
	"reminder_sent_at" timestamp with time zone,
	"status" text DEFAULT 'new' NOT NULL,
	"accepted_at" timestamp with time zone,
	"possible_duplicate_of" uuid,
	"duplicate_resolution" text,
	"merged_into" uuid,
	"parent_user_id" uuid,
	"match_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "applications_channel_check" CHECK ("applications"."channel" in ('public_form', 'phone', 'mail', 'referrer', 'other')),
	CONSTRAINT "applications_referrer_type_check" CHECK ("applications"."referrer_type" in ('self', 'cvp', 'district_team', 'youth_protection', 'care_provider', 'lawyer', 'school', 'other')),
	CONSTRAINT "applications_queue_check" CHECK ("applications"."queue" in ('location', 'helpdesk')),
	CONSTRAINT "applications_queue_location_check" CHECK (("applications"."queue" = 'location') = ("applications"."location_id" is not null)),
	CONSTRAINT "applications_funding_check" CHECK ("applications"."funding" is null or "applications"."funding" in ('subsidy', 'per_trajectory')),
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('new', 'contacted', 'waiting', 'matching', 'matched', 'referred', 'declined', 'merged')),
	CONSTRAINT "applications_duplicate_resolution_check" CHECK ("applications"."duplicate_resolution" is null or "applications"."duplicate_resolution" in ('merged', 'kept_apart')),
	CONSTRAINT "applications_referral_agreed_check" CHECK ("applications"."referrer_type" = 'self' or "applications"."parent_agreed_to_referral")
);
--> statement-breakpoint
CREATE TABLE "intakes" (
	"org_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"help_questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"risks" text DEFAULT '' NOT NULL,
	"decision" text NOT NULL,
	"referred_to" text,
	"decision_reason" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intakes_org_id_application_id_pk" PRIMARY KEY("org_id","application_id"),
	CONSTRAINT "intakes_decision_check" CHECK ("intakes"."decision" in ('accept_waiting', 'accept_matching', 'refer', 'decline')),
	CONSTRAINT "intakes_refer_check" CHECK ("intakes"."decision" <> 'refer' or "intakes"."referred_to" is not null),
	CONSTRAINT "intakes_decline_check" CHECK ("intakes"."decision" <> 'decline' or "intakes"."decision_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "public_form_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrer_notices" (
	"org_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrer_notices_org_id_application_id_kind_pk" PRIMARY KEY("org_id","application_id","kind"),
	CONSTRAINT "referrer_notices_kind_check" CHECK ("referrer_notices"."kind" in ('received', 'started', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"volunteer_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "matches_status_check" CHECK ("matches"."status" in ('pending', 'accepted', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"home_municipality_code" text,
	"travel_municipalities" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours_per_week" integer DEFAULT 8 NOT NULL,
	"max_families" integer DEFAULT 3 NOT NULL,
	"active_families" integer DEFAULT 0 NOT NULL,
	"measure_experience" text[] DEFAULT '{}'::text[] NOT NULL,
	"institution_experience" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{nl}'::text[] NOT NULL,
	"conflict_institutions" text[] DEFAULT '{}'::text[] NOT NULL,
	"conflict_application_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_profiles_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "volunteer_profiles_hours_check" CHECK ("volunteer_profiles"."hours_per_week" between 0 and 40),
	CONSTRAINT "volunteer_profiles_max_families_check" CHECK ("volunteer_profiles"."max_families" between 0 and 10),
	CONSTRAINT "volunteer_profiles_caseload_check" CHECK ("volunteer_profiles"."active_families" >= 0 and "volunteer_profiles"."active_families" <= "volunteer_profiles"."max_families")
);
--> statement-breakpoint
CREATE TABLE "trajectories" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"location_id" uuid,
	"lead_volunteer_id" uuid NOT NULL,
	"coach_user_id" uuid,
	"phase" text DEFAULT 'intake_done' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trajectories_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "trajectories_phase_check" CHECK ("trajectories"."phase" in ('intake_done', 'clarifying', 'support', 'building_down', 'closing', 'aftercare', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "work_area" ADD COLUMN "purchase_agreement" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "application_children" ADD CONSTRAINT "application_children_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_counters" ADD CONSTRAINT "application_counters_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_people" ADD CONSTRAINT "application_people_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_org_id_location_id_locations_org_id_id_fk" FOREIGN KEY ("org_id","location_id") REFERENCES "public"."locations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrer_notices" ADD CONSTRAINT "referrer_notices_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_volunteer_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","volunteer_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_org_id_application_id_applications_org_id_id_fk" FOREIGN KEY ("org_id","application_id") REFERENCES "public"."applications"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_org_id_lead_volunteer_id_users_org_id_id_fk" FOREIGN KEY ("org_id","lead_volunteer_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_reference_idx" ON "applications" USING btree ("org_id","reference");--> statement-breakpoint
CREATE INDEX "applications_inbox_idx" ON "applications" USING btree ("org_id","first_contact_due_at") WHERE "applications"."status" = 'new';--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("org_id","status","location_id");--> statement-breakpoint
CREATE INDEX "applications_match_key_idx" ON "applications" USING btree ("org_id","match_key");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_open_idx" ON "matches" USING btree ("org_id","application_id") WHERE "matches"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "matches_volunteer_idx" ON "matches" USING btree ("org_id","volunteer_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_application_idx" ON "trajectories" USING btree ("org_id","application_id");