CREATE TABLE "agreements" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"meeting_id" uuid,
	"party" text NOT NULL,
	"party_name" text NOT NULL,
	"description" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"status_note" text,
	"status_changed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "agreements_party_check" CHECK ("agreements"."party" in ('parent', 'professional', 'volunteer', 'other')),
	CONSTRAINT "agreements_status_check" CHECK ("agreements"."status" in ('open', 'done', 'not_kept', 'irrelevant'))
);
--> statement-breakpoint
CREATE TABLE "family_map_members" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_map_members_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "family_map_members_role_check" CHECK ("family_map_members"."role" in ('parent', 'child', 'foster_parent', 'youth_protection_worker', 'care_provider', 'lawyer', 'school', 'network', 'other'))
);
--> statement-breakpoint
CREATE TABLE "help_questions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"question" text NOT NULL,
	"goal" text,
	"status" text DEFAULT 'open' NOT NULL,
	"strengths" text,
	"next_steps" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_questions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "help_questions_status_check" CHECK ("help_questions"."status" in ('open', 'working', 'achieved', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"with_whom" text,
	"scheduled_at" timestamp with time zone NOT NULL,
	"place" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"prep_goal" text,
	"prep_responses" text,
	"prep_questions" text,
	"evaluation" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "meetings_status_check" CHECK ("meetings"."status" in ('planned', 'held', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "self_reliance_scores" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"help_question_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"recorded_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_reliance_scores_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "self_reliance_scores_score_check" CHECK ("self_reliance_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "trajectory_contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"volunteer_minutes" integer DEFAULT 0 NOT NULL,
	"professional_minutes" integer DEFAULT 0 NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"meeting_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trajectory_contacts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "trajectory_contacts_kind_check" CHECK ("trajectory_contacts"."kind" in ('professional_meeting', 'preparation', 'evaluation', 'home_visit', 'phone', 'mail', 'court_hearing', 'peer_contact', 'training', 'other')),
	CONSTRAINT "trajectory_contacts_minutes_check" CHECK ("trajectory_contacts"."volunteer_minutes" between 0 and 1440 and "trajectory_contacts"."professional_minutes" between 0 and 1440 and "trajectory_contacts"."volunteer_minutes" + "trajectory_contacts"."professional_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "trajectory_phase_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trajectory_phase_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
DROP INDEX "trajectories_application_idx";--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "phase_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "outcome_note" text;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "aftercare_until" date;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "previous_trajectory_id" uuid;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "last_contact_on" date;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "volunteer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "professional_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_map_members" ADD CONSTRAINT "family_map_members_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_questions" ADD CONSTRAINT "help_questions_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_reliance_scores" ADD CONSTRAINT "self_reliance_scores_org_id_help_question_id_help_questions_org_id_id_fk" FOREIGN KEY ("org_id","help_question_id") REFERENCES "public"."help_questions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_reliance_scores" ADD CONSTRAINT "self_reliance_scores_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_phase_events" ADD CONSTRAINT "trajectory_phase_events_org_id_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_open_idx" ON "agreements" USING btree ("org_id","trajectory_id","status","due_on");--> statement-breakpoint
CREATE INDEX "family_map_members_idx" ON "family_map_members" USING btree ("org_id","trajectory_id","position");--> statement-breakpoint
CREATE INDEX "help_questions_idx" ON "help_questions" USING btree ("org_id","trajectory_id","position");--> statement-breakpoint
CREATE INDEX "meetings_idx" ON "meetings" USING btree ("org_id","trajectory_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "self_reliance_scores_idx" ON "self_reliance_scores" USING btree ("org_id","trajectory_id","help_question_id","recorded_on");--> statement-breakpoint
CREATE INDEX "trajectory_contacts_timeline_idx" ON "trajectory_contacts" USING btree ("org_id","trajectory_id","occurred_on","id");--> statement-breakpoint
CREATE INDEX "trajectory_phase_events_idx" ON "trajectory_phase_events" USING btree ("org_id","trajectory_id","at");--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_org_id_coach_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","coach_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_org_id_previous_trajectory_id_trajectories_org_id_id_fk" FOREIGN KEY ("org_id","previous_trajectory_id") REFERENCES "public"."trajectories"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trajectories_volunteer_idx" ON "trajectories" USING btree ("org_id","lead_volunteer_id","phase");--> statement-breakpoint
CREATE INDEX "trajectories_location_idx" ON "trajectories" USING btree ("org_id","location_id","phase");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_application_idx" ON "trajectories" USING btree ("org_id","application_id") WHERE "trajectories"."phase" not in ('aftercare', 'ended');--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_outcome_check" CHECK ("trajectories"."outcome" is null or "trajectories"."outcome" in ('resolved', 'positive_restart', 'not_resolved', 'parent_stopped', 'referred'));--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_minutes_check" CHECK ("trajectories"."volunteer_minutes" >= 0 and "trajectories"."professional_minutes" >= 0);