-- Each checkpoint keeps the tree's compact range at its size (hex), so that the next checkpoint is
-- proven to extend it from the leaves sealed since, not from every leaf again.
ALTER TABLE ledger_checkpoints ADD COLUMN compact_range text[];
