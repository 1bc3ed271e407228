-- The application's tenant role: it neither owns the tables nor bypasses RLS, so every tenant
-- query is filtered by the policies below. Roles are global to a cluster, hence IF NOT EXISTS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'naast_app') THEN
    CREATE ROLE naast_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
-- The owner (the DATABASE_URL user) switches to naast_app with SET LOCAL ROLE inside each tenant transaction.
GRANT naast_app TO CURRENT_USER;
