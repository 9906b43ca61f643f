-- Appends grouped into one statement. While one append statement is in flight, the appends that
-- arrive meanwhile wait and are then sent together, as one statement in one transaction
-- (`sql-append.ts`): a statement and a commit cost PostgreSQL and the service far more than an
-- event does, so the ledger takes many more appends a second when they share them.
--
-- Which appends of such a group may go ahead: those whose guard streams all stand at the versions
-- their decisions read (0: absent). `ledger_streams_stand_at` for a group at once: it takes the
-- shared lock of every guard stream of the group, in one order, then reads their versions afresh
-- (a VOLATILE function's query sees every append that committed before its locks were granted),
-- and gives back the numbers (1, 2, …) of the appends none of whose guards moved. A single
-- one-event append's fast path still asks `ledger_streams_stand_at`, the cheaper for one: asked
-- through this function for a group of one, `bench:append`'s guarded appends ran at 0.77–0.79 of
-- a raw INSERT against 0.89–0.91 (alternating runs). Both take the same locks in the same order.
CREATE FUNCTION ledger_appends_guarded(p_appends integer, p_guarded integer[], p_stream_ids text[], p_versions integer[]) RETURNS SETOF integer
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1279608658, k.key)
     FROM (SELECT DISTINCT ledger_stream_lock_key(g.stream_id) AS key FROM unnest(p_stream_ids) AS g (stream_id)) AS k
    ORDER BY k.key;
  -- Each guard stream is read once, by its key (OFFSET 0 keeps the lookup from becoming a join
  -- that scans every stream).
  RETURN QUERY
    SELECT a.n::integer FROM generate_series(1, p_appends) AS a (n)
    EXCEPT
    SELECT g.n
      FROM unnest(p_guarded, p_stream_ids, p_versions) AS g (n, stream_id, version)
      LEFT JOIN LATERAL (SELECT s.version FROM ledger_streams s WHERE s.stream_id = g.stream_id OFFSET 0) AS s ON true
     WHERE coalesce(s.version, 0) <> g.version;
END $$;
