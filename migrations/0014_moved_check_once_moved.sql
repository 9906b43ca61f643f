-- The check that refuses appends once the events have moved to EventStoreDB (0008) ran a query of
-- its own on every append statement, for a ledger whose events have not moved: about a twelfth of
-- what PostgreSQL spends on a one-event append (`bench:append`). The trigger now stays disabled
-- until the move is recorded: `recordEventStoreMove` enables it in the transaction that records the
-- move (ALTER TABLE … ENABLE TRIGGER waits for the appends in flight, and every later append sees
-- it). A ledger whose events have already moved keeps it enabled.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_event_store WHERE kind <> 'database') THEN
    ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_moved;
  END IF;
END $$;
