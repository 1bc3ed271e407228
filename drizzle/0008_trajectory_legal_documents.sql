CREATE TABLE "calendar_feeds" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "child_measures" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"measure" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_measures_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "child_measures_measure_check" CHECK ("child_measures"."measure" in ('voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation')),
	CONSTRAINT "child_measures_period_check" CHECK ("child_measures"."ends_on" is null or "child_measures"."ends_on" >= "child_measures"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "court_decisions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"measure_id" uuid,
	"kind" text NOT NULL,
	"decided_on" date NOT NULL,
	"summary" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "court_decisions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "court_decisions_kind_check" CHECK ("court_decisions"."kind" in ('court_decision', 'written_instruction', 'hearing_scheduled', 'letter_received', 'plan_received', 'other'))
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"rule_code" text NOT NULL,
	"court_decision_id" uuid,
	"measure_id" uuid,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"remind_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "deadlines_status_check" CHECK ("deadlines"."status" in ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "meeting_report_versions" (
	"org_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"note" text,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_report_versions_org_id_report_id_version_pk" PRIMARY KEY("org_id","report_id","version"),
	CONSTRAINT "meeting_report_versions_version_check" CHECK ("meeting_report_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "meeting_reports" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"parent_response" text,
	"parent_comment" text,
	"parent_responded_at" timestamp with time zone,
	"finalised_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_reports_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "meeting_reports_status_check" CHECK ("meeting_reports"."status" in ('draft', 'with_parent', 'final')),
	CONSTRAINT "meeting_reports_response_check" CHECK ("meeting_reports"."parent_response" is null or "meeting_reports"."parent_response" in ('agreed', 'commented'))
);
--> statement-breakpoint
CREATE TABLE "document_contents" (
	"org_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"iv" "bytea" NOT NULL,
	"auth_tag" "bytea" NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	CONSTRAINT "document_contents_org_id_document_id_pk" PRIMARY KEY("org_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"received_on" date,
	"uploaded_by" uuid NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "documents_kind_check" CHECK ("documents"."kind" in ('letter_received', 'report', 'court_decision', 'plan', 'other')),
	CONSTRAINT "documents_size_check" CHECK ("documents"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "letter_versions" (
	"org_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_versions_org_id_letter_id_version_pk" PRIMARY KEY("org_id","letter_id","version")
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"template" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letters_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "letters_template_check" CHECK ("letters"."template" in ('defence_statement', 'court_request', 'objection', 'complaint', 'plan_reaction')),
	CONSTRAINT "letters_status_check" CHECK ("letters"."status" in ('draft', 'final'))
);
--> statement-breakpoint
CREATE TABLE "aftercare_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"new_trajectory_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aftercare_requests_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "aftercare_requests_kind_check" CHECK ("aftercare_requests"."kind" in ('information', 'advice', 'relapse_prevention', 'relapse'))
);
--> statement-breakpoint
CREATE TABLE "satisfaction_invitations" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "satisfaction_invitations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_responses" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid,
	"month" date NOT NULL,
	"answers" jsonb NOT NULL,
	CONSTRAINT "satisfaction_responses_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_measures" ADD CONSTRAINT "child_measures_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_decisions" ADD CONSTRAINT "court_decisions_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_decisions" ADD CONSTRAINT "court_decisions_org_id_measure_id_child_measures_org_id_id_fk" FOREIGN KEY ("org_id","measure_id") REFERENCES "public"."child_measures"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_org_id_court_decision_id_court_decisions_org_id_id_fk" FOREIGN KEY ("org_id","court_decision_id") REFERENCES "public"."court_decisions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_org_id_measure_id_child_measures_org_id_id_fk" FOREIGN KEY ("org_id","measure_id") REFERENCES "public"."child_measures"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_report_versions" ADD CONSTRAINT "meeting_report_versions_org_id_report_id_meeting_reports_org_id_id_fk" FOREIGN KEY ("org_id","report_id") REFERENCES "public"."meeting_reports"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD CONSTRAINT "meeting_reports_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reports" ADD CONSTRAINT "meeting_reports_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contents" ADD CONSTRAINT "document_contents_org_id_document_id_documents_org_id_id_fk" FOREIGN KEY ("org_id","document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_versions" ADD CONSTRAINT "letter_versions_org_id_letter_id_letters_org_id_id_fk" FOREIGN KEY ("org_id","letter_id") REFERENCES "public"."letters"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_requests" ADD CONSTRAINT "aftercare_requests_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_invitations" ADD CONSTRAINT "satisfaction_invitations_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_idx" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "child_measures_idx" ON "child_measures" USING btree ("org_id","trajectory_id","starts_on");--> statement-breakpoint
CREATE INDEX "court_decisions_idx" ON "court_decisions" USING btree ("org_id","trajectory_id","decided_on");--> statement-breakpoint
CREATE INDEX "deadlines_trajectory_idx" ON "deadlines" USING btree ("org_id","trajectory_id","status","due_on");--> statement-breakpoint
CREATE INDEX "deadlines_reminder_idx" ON "deadlines" USING btree ("remind_at") WHERE "deadlines"."reminder_sent_at" is null and "deadlines"."status" = 'open';--> statement-breakpoint
CREATE INDEX "meeting_reports_idx" ON "meeting_reports" USING btree ("org_id","trajectory_id","status");--> statement-breakpoint
CREATE INDEX "documents_idx" ON "documents" USING btree ("org_id","trajectory_id","created_at");--> statement-breakpoint
CREATE INDEX "letters_idx" ON "letters" USING btree ("org_id","trajectory_id","updated_at");--> statement-breakpoint
CREATE INDEX "aftercare_requests_idx" ON "aftercare_requests" USING btree ("org_id","trajectory_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_invitations_token_idx" ON "satisfaction_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_invitations_trajectory_idx" ON "satisfaction_invitations" USING btree ("org_id","trajectory_id");--> statement-breakpoint
CREATE INDEX "satisfaction_responses_idx" ON "satisfaction_responses" USING btree ("org_id","month");