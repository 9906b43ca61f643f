-- Once `ledger migrate-events --switch` has recorded that the events live in EventStoreDB, an API
-- or projector still running on the old configuration must not record anything more here: it
-- would be lost to the ledger. Each append statement checks the one-row table first.
CREATE FUNCTION ledger_events_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_event_store WHERE kind <> 'database') THEN
    RAISE EXCEPTION USING ERRCODE = 'LD410', MESSAGE = 'this ledger''s events have moved to EventStoreDB: nothing more is recorded in its database';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_events_moved BEFORE INSERT ON ledger_events FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_moved();
