-- A request carrying an Idempotency-Key claims the key until `claimed_until`. A process that dies
-- (or loses its database) between recording a command and recording its answer leaves the claim
-- to lapse, never the key unanswered for ever: a retry after that takes the claim over and carries
-- the command out again, and since a retried command proposes the same event ids, the store
-- answers what the first attempt recorded instead of recording it twice.
ALTER TABLE ledger_idempotency ADD COLUMN claimed_until timestamptz;
UPDATE ledger_idempotency SET claimed_until = now() WHERE status_code IS NULL;
