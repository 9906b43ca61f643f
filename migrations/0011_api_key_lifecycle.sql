-- API keys get a lifecycle (issue, rotate, expire, revoke) recorded as events in the ledger's own
-- log, stream `api-key-<name>`. This table keeps what the log must not: each key's hash, found by
-- the key id every new key carries (`ledger_<key id>_<secret>`), and the key's state as its events
-- left it, so that a request costs one indexed lookup. A row is `issued` once its ApiKeyIssued
-- event is in the log; until then (a process that died in between) it opens nothing.
-- Rotation gives one name several keys, so the name is no longer unique here; the name's stream is.
ALTER TABLE ledger_api_keys DROP CONSTRAINT IF EXISTS ledger_api_keys_name_key;
ALTER TABLE ledger_api_keys
  ADD COLUMN key_id            text,
  ADD COLUMN issued            boolean     NOT NULL DEFAULT true,
  ADD COLUMN expires_at        timestamptz,
  ADD COLUMN revoked_at        timestamptz,
  ADD COLUMN revoked_by        text,
  ADD COLUMN revocation_reason text,
  ADD COLUMN expired_at        timestamptz,
  ADD COLUMN last_used_at      timestamptz;
-- Keys issued before keys had ids (`dl_…`) are found by their hash; they get an id for the log.
UPDATE ledger_api_keys SET key_id = 'legacy' || substr(key_hash, 1, 10) WHERE key_id IS NULL;
ALTER TABLE ledger_api_keys ALTER COLUMN key_id SET NOT NULL, ALTER COLUMN issued SET DEFAULT false;
CREATE UNIQUE INDEX ledger_api_keys_key_id ON ledger_api_keys (key_id);
CREATE INDEX ledger_api_keys_name ON ledger_api_keys (name);
