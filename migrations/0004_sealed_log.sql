-- The sealed log: every committed event, in the log's commit-safe order, as a leaf of an RFC 9162
-- Merkle tree with a dense index (0, 1, 2, … with no gaps), and the signed checkpoints over it.
--
-- `bytes` is the exact text that was hashed: RFC 8785 JSON of
--   {"body": <the event's stored canonical body>, "hash": <its stream chain hash>,
--    "position": "<transaction>:<sequence>", "streamVersion": <n>}
-- so an auditor can recompute the leaf hash, the event's place in its stream's hash chain and the
-- Merkle root from an export alone. leaf_hash = SHA-256(0x00 ‖ bytes); chain_hash = SHA-256(the
-- previous leaf's chain_hash ‖ leaf_hash), from 32 zero bytes: a running chain cheap to check.
CREATE TABLE ledger_leaves (
  leaf_index     bigint  PRIMARY KEY CHECK (leaf_index >= 0),
  transaction_id xid8    NOT NULL,
  position       bigint  NOT NULL,
  bytes          text    NOT NULL,
  leaf_hash      bytea   NOT NULL,
  chain_hash     bytea   NOT NULL,
  UNIQUE (transaction_id, position)
);

-- Leaves are never changed or removed.
CREATE FUNCTION ledger_leaves_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the sealed log is append-only: % of leaf % refused', TG_OP, OLD.leaf_index;
END $$;
CREATE TRIGGER ledger_leaves_append_only BEFORE UPDATE OR DELETE ON ledger_leaves
  FOR EACH ROW EXECUTE FUNCTION ledger_leaves_append_only();

-- Where sealing stands: the next leaf index, the log position sealed through, the running chain,
-- and the tree's compact range (the roots of its perfect subtrees, largest first), so a checkpoint
-- never rereads the leaves. One row; locked by the sealer for each batch.
-- Hashes here are hex text.
CREATE TABLE ledger_seal (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  next_leaf     bigint  NOT NULL,
  log_position  text    NOT NULL,
  chain_hash    text    NOT NULL,
  compact_range text[]  NOT NULL
);
INSERT INTO ledger_seal (next_leaf, log_position, chain_hash, compact_range)
VALUES (0, '0:0', repeat('0', 64), '{}');

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size, never two for one size.
CREATE TABLE ledger_checkpoints (
  tree_size bigint      PRIMARY KEY,
  root_hash bytea       NOT NULL,
  note      text        NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now()
);

-- The key that signs checkpoints when LEDGER_SIGNING_KEY is not given: generated once, kept here.
CREATE TABLE ledger_signing_key (
  id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
  name        text        NOT NULL,
  private_key text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
