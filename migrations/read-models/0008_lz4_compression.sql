-- The read models' large values (a ratification's authority proof and statement, a proposal's
-- history entry) compressed by lz4 where the server has it, as the ledger's own (migrations/0016).
-- Each generation is migrated on its own, before the ledger's schema may be, so this stands alone.
DO $$
DECLARE
  c record;
BEGIN
  IF 'lz4' = ANY ((SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression')::text[]) THEN
    -- Every text, bytea and JSON column of the tables of the schema being migrated.
    FOR c IN SELECT a.attrelid::regclass AS tab, a.attname FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
              WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                AND a.atttypid IN ('text'::regtype, 'bytea'::regtype, 'jsonb'::regtype, 'json'::regtype)
    LOOP
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION lz4', c.tab, c.attname);
    END LOOP;
  END IF;
END $$;
