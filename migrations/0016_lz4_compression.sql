-- Large values compressed by lz4 where the server has it, instead of pglz. A row over about 2 kB has
-- its largest values compressed as it is written: every ratification's event and its leaf (an
-- authority proof of 1.5 kB makes them 2.4 and 2.8 kB). Writing 32,000 such leaves took PostgreSQL
-- 0.80–0.83 s with pglz and 0.33–0.34 s with lz4 (stored 8% larger). Only values written from now
-- on are compressed so; PGlite, and any server built without lz4, keep pglz. The read models'
-- generations do the same to their own tables (read-models/0008).
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
