-- Guards without row locks. An append guarded by the streams its decision read (a ratification
-- by its organisation and its scheme of delegation) used to share-lock their ledger_streams rows
-- until it committed. Every ratification of an organisation locked the same two rows, so each
-- lock was a MultiXact written to the heap and its log: about 0.75 ms of PostgreSQL's time per
-- ratification, half of what a ratification cost it.
--
-- Now each append holds an advisory lock on its stream until it commits, and a guarded append
-- takes a shared one on each guard stream, then reads their versions in a query of its own: a
-- VOLATILE function takes a fresh snapshot for each query it runs, so it sees every append to
-- them that committed before its locks were granted, and none can commit after until it does.

-- The key of a stream's advisory lock: one class of keys for streams, then the stream of this
-- store (advisory locks are the database's, not a schema's).
CREATE FUNCTION ledger_stream_lock_key(p_stream_id text) RETURNS integer
LANGUAGE sql STABLE AS $$ SELECT hashtext(current_schema() || '/' || p_stream_id) $$;

-- Taken by every append on its stream, held until it commits.
CREATE FUNCTION ledger_lock_stream(p_stream_id text) RETURNS void
LANGUAGE sql VOLATILE AS $$ SELECT pg_advisory_xact_lock(1279608658, ledger_stream_lock_key(p_stream_id)) $$;

-- Whether every guard stream stands at the version read (0: absent), holding each until commit.
CREATE FUNCTION ledger_streams_stand_at(p_stream_ids text[], p_versions integer[]) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1279608658, ledger_stream_lock_key(g.stream_id))
     FROM unnest(p_stream_ids) AS g (stream_id)
    ORDER BY ledger_stream_lock_key(g.stream_id);
  RETURN NOT EXISTS (
    SELECT 1
      FROM unnest(p_stream_ids, p_versions) AS g (stream_id, version)
      LEFT JOIN ledger_streams s ON s.stream_id = g.stream_id
     WHERE coalesce(s.version, 0) <> g.version
  );
END $$;
