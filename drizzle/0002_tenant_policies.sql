-- One function applies the tenant rules to every table, so a table added later cannot be forgotten:
-- the migration runner calls it after every run, and a test checks every org_id table is covered.
--  * tables with org_id: RLS on, policy tenant_isolation on app.org_id, full DML for naast_app;
--  * audit_events: INSERT and SELECT only (append-only, NEN 7513); audit_chain_heads: SELECT, UPDATE;
--  * reference tables: SELECT; platform-internal tables (sign-in directory, throttle): no grant at all.
CREATE OR REPLACE FUNCTION naast_apply_tenant_policies() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
  internal text[] := ARRAY['login_directory', 'auth_throttle', 'security_events'];
  reference text[] := ARRAY['municipalities'];
BEGIN
  EXECUTE 'GRANT USAGE ON SCHEMA public TO naast_app';
  FOR t IN
    SELECT c.relname AS name,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) AS tenant
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
  LOOP
    IF t.name = ANY (internal) THEN
      EXECUTE format('REVOKE ALL ON %I FROM naast_app', t.name);
    ELSIF t.name = ANY (reference) THEN
      EXECUTE format('GRANT SELECT ON %I TO naast_app', t.name);
    ELSIF t.tenant THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.name);
      IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.name AND policyname = 'tenant_isolation') THEN
        EXECUTE format(
          'CREATE POLICY tenant_isolation ON %I USING (org_id = nullif(current_setting(''app.org_id'', true), '''')::uuid) '
          'WITH CHECK (org_id = nullif(current_setting(''app.org_id'', true), '''')::uuid)', t.name);
      END IF;
      IF t.name = 'audit_events' THEN
        EXECUTE format('REVOKE ALL ON %I FROM naast_app', t.name);
        EXECUTE format('GRANT SELECT, INSERT ON %I TO naast_app', t.name);
      ELSIF t.name = 'audit_chain_heads' THEN
        EXECUTE format('REVOKE ALL ON %I FROM naast_app', t.name);
        EXECUTE format('GRANT SELECT, UPDATE ON %I TO naast_app', t.name);
      ELSE
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO naast_app', t.name);
      END IF;
    ELSE
      -- Unknown global table: deny by default until it is listed above.
      EXECUTE format('REVOKE ALL ON %I FROM naast_app', t.name);
    END IF;
  END LOOP;
END
$fn$;
--> statement-breakpoint
SELECT naast_apply_tenant_policies();
