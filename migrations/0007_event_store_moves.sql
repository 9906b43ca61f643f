-- Which event store holds this ledger's events: 'database' (ledger_events, here) or 'eventstoredb'.
-- Recorded when the ledger first opens, and changed only by `ledger migrate-events --switch` once
-- the events are copied and verified; opening the ledger on the other kind is refused, so that it
-- is never projected or sealed from half of its history.
CREATE TABLE ledger_event_store (
  id    boolean     PRIMARY KEY DEFAULT true CHECK (id),
  kind  text        NOT NULL CHECK (kind IN ('database', 'eventstoredb')),
  since timestamptz NOT NULL DEFAULT now()
);

-- Where each sealed event stands now, when its events moved to another store after it was sealed.
-- The leaf itself keeps, in its bytes and columns, the position it was sealed at: it is signed.
CREATE TABLE ledger_leaf_relocations (
  leaf_index   bigint PRIMARY KEY REFERENCES ledger_leaves (leaf_index),
  log_position text   NOT NULL UNIQUE
);

-- Positions sealed in one store may recur in the next (EventStoreDB's are byte offsets, not
-- transaction ids): the sealed position is no longer unique, only looked up.
ALTER TABLE ledger_leaves DROP CONSTRAINT ledger_leaves_transaction_id_position_key;
CREATE INDEX ledger_leaves_sealed_position ON ledger_leaves (transaction_id, position);
