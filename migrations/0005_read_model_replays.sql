-- Read models replayed as the ledger stood at a past moment (`ledger replay`), each in a schema of
-- its own, never active: reads are served from one when asked with `X-Ledger-As-Known-At`.
CREATE TABLE ledger_read_model_replays (
  schema_name    text        PRIMARY KEY,
  as_known_at    timestamptz,
  until_position text,
  events         bigint      NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((as_known_at IS NULL) <> (until_position IS NULL))
);
CREATE INDEX ledger_read_model_replays_by_instant ON ledger_read_model_replays (as_known_at);
