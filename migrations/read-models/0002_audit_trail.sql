-- The audit trail: one row per event, in log order.
CREATE TABLE audit_trail (
  log_transaction bigint      NOT NULL,
  log_sequence    bigint      NOT NULL,
  position        text        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL,
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  actor           text,
  recorded_at     timestamptz NOT NULL,
  summary         text        NOT NULL,
  PRIMARY KEY (log_transaction, log_sequence)
);
CREATE INDEX audit_trail_by_stream ON audit_trail (stream_id, stream_version);
CREATE INDEX audit_trail_by_actor ON audit_trail (actor, log_transaction, log_sequence);
