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

/** The leaves whose events stand at the positions `$1` (a text[]) now, each as `leaf_index, current_position, sealed_position, leaf_hash` (hex). */
export const LEAVES_AT_POSITIONS_SQL = `SELECT r.leaf_index::text AS leaf_index, r.log_position AS current_position,
          l.transaction_id::text || ':' || l.position::text AS sealed_position, encode(l.leaf_hash, 'hex') AS leaf_hash
     FROM ledger_leaf_relocations r JOIN ledger_leaves l USING (leaf_index)
    WHERE r.log_position = ANY($1::text[])
   UNION ALL
   SELECT l.leaf_index::text, wanted.log_position, l.transaction_id::text || ':' || l.position::text, encode(l.leaf_hash, 'hex')
     FROM unnest($1::text[]) AS wanted (log_position)
     JOIN ledger_leaves l ON l.transaction_id = split_part(wanted.log_position, ':', 1)::xid8 AND l.position = split_part(wanted.log_position, ':', 2)::bigint
    WHERE NOT EXISTS (SELECT 1 FROM ledger_leaf_relocations r WHERE r.leaf_index = l.leaf_index)`;
