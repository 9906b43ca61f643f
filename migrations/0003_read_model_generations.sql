-- The generations of read models, each in a schema of its own. Exactly one is active: reads are
-- served from it while a rebuild fills the next one, and the swap is one UPDATE.
CREATE TABLE ledger_read_model_generations (
  schema_name  text        PRIMARY KEY,
  active       boolean     NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz
);
CREATE UNIQUE INDEX ledger_read_model_generations_one_active ON ledger_read_model_generations (active) WHERE active;
