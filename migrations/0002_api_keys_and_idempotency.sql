-- API keys, stored only as SHA-256 hashes of the key.
CREATE TABLE ledger_api_keys (
  key_hash    text        PRIMARY KEY,
  name        text        NOT NULL UNIQUE,
  role        text        NOT NULL CHECK (role IN ('admin', 'clerk', 'integration', 'auditor', 'scrutiny')),
  body_ids    text[]      NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text        NOT NULL
);

-- The first response to each (principal, Idempotency-Key), so a retry gets it again and appends
-- nothing. `status_code` is null while the first request is still being carried out.
CREATE TABLE ledger_idempotency (
  principal     text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  status_code   integer,
  response      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
