/**
 * Where each sealed leaf's event stands in the event store now. A leaf keeps the position its
 * event was sealed at (in its signed bytes, and in `ledger_leaves`); when the events moved to
 * another store since (`ledger migrate-events --switch`), `ledger_leaf_relocations` says where.
 */

/** `ledger_leaves` as `leaves`, each row with `current_position`. */
export const LEAVES_WHERE_NOW = `(SELECT l.*, coalesce(r.log_position, l.transaction_id::text || ':' || l.position::text) AS current_position
     FROM ledger_leaves l LEFT JOIN ledger_leaf_relocations r USING (leaf_index)) leaves`;

/** The leaf whose event stands at `$1` (a log position) now. */
export const LEAF_AT_POSITION_SQL = `SELECT leaf_index::text AS leaf_index FROM ledger_leaf_relocations WHERE log_position = $1
   UNION ALL
   SELECT l.leaf_index::text FROM ledger_leaves l
    WHERE l.transaction_id = split_part($1, ':', 1)::xid8 AND l.position = split_part($1, ':', 2)::bigint
      AND NOT EXISTS (SELECT 1 FROM ledger_leaf_relocations r WHERE r.leaf_index = l.leaf_index)
   LIMIT 1`;
