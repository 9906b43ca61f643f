/**
 * Where each sealed leaf's event stands in the event store now. A leaf keeps the position its
 * event was sealed at (in its signed bytes, and in `ledger_leaves`); when the events moved to
 * another store since (`ledger migrate-events --switch`), `ledger_leaf_relocations` says where.
 */

/** `ledger_leaves` as `leaves`, each row with `current_position`. */
export const LEAVES_WHERE_NOW = `(SELECT l.*, coalesce(r.log_position, l.transaction_id::text || ':' || l.position::text) AS current_position
     FROM ledger_leaves l LEFT JOIN ledger_leaf_relocations r USING (leaf_index)) leaves`;

/**
 * The leaves whose events stand at the log positions `positions` (an SQL text[]) now, each as
 * `leaf_index, current_position, sealed_position, leaf_hash` (hex): a relocated leaf by where its
 * event moved, any other by where it was sealed.
 */
const leavesAt = (positions: string) => `SELECT r.leaf_index::text AS leaf_index, r.log_position AS current_position,
          l.transaction_id::text || ':' || l.position::text AS sealed_position, encode(l.leaf_hash, 'hex') AS leaf_hash
     FROM ledger_leaf_relocations r JOIN ledger_leaves l USING (leaf_index)
    WHERE r.log_position = ANY(${positions})
   UNION ALL
   SELECT l.leaf_index::text, wanted.log_position, l.transaction_id::text || ':' || l.position::text, encode(l.leaf_hash, 'hex')
     FROM unnest(${positions}) AS wanted (log_position)
     JOIN ledger_leaves l ON l.transaction_id = split_part(wanted.log_position, ':', 1)::xid8 AND l.position = split_part(wanted.log_position, ':', 2)::bigint
    WHERE NOT EXISTS (SELECT 1 FROM ledger_leaf_relocations r WHERE r.leaf_index = l.leaf_index)`;

/** The leaves whose events stand at the positions `$1` (a text[]) now. */
export const LEAVES_AT_POSITIONS_SQL = leavesAt('$1::text[]');

/** The leaf whose event stands at `$1` (a log position) now, as `leaf_index`. */
export const LEAF_AT_POSITION_SQL = `SELECT leaf_index FROM (${leavesAt('ARRAY[$1::text]')}) AS at_position LIMIT 1`;
