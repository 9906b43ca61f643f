-- Appends are made by one SQL statement, sent by the event store (libs/event-store/src/postgres/
-- sql-append.ts): it checks the expected version under the stream's head lock, chains the hashes
-- and inserts, and is now the only code that writes the hash chain. The PL/pgSQL function that
-- did the same for the appends the statement did not yet cover goes, so that no second copy of
-- the rules can drift from the first.
DROP FUNCTION ledger_append(text, text, uuid[], text[], integer[], text[], text[], timestamptz, text[], integer[]);
