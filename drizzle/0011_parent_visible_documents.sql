ALTER TABLE "documents" ADD COLUMN "shared_with_parent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "shared_with_parent_at" timestamp with time zone;