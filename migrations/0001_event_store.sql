-- The event log: one row per event, append-only.
--
-- Order. `position` comes from a sequence when the event is inserted, so positions are unique
-- but a transaction that commits late can hold a lower position than one already read. Each row
-- therefore also keeps the id of the transaction that wrote it (`xid8`), and readers of the whole
-- log take only rows of transactions older than every transaction still running
-- (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`), ordered by
-- `(transaction_id, position)`. Nothing can ever commit behind that point, so a reader never skips.
--
-- Integrity. `body` holds the exact RFC 8785 canonical JSON of the event (eventId, type,
-- schemaVersion, streamId, data, metadata); `hash` = SHA-256(previous hash ‖ stream version as
-- 4 bytes big-endian ‖ body), the first event of a stream chaining from 32 zero bytes.

CREATE SEQUENCE ledger_event_position AS bigint;

-- The head of each stream: its version and chain hash. Appenders lock this row, check the
-- expected version, and only then take positions, so a losing appender burns none.
CREATE TABLE ledger_streams (
  stream_id   text    PRIMARY KEY,
  version     integer NOT NULL CHECK (version >= 0),
  last_hash   bytea   NOT NULL
) WITH (fillfactor = 70);

CREATE TABLE ledger_events (
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version >= 1),
  position        bigint      NOT NULL,
  transaction_id  xid8        NOT NULL,
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  actor           text,
  recorded_at     timestamptz NOT NULL,
  body            text        NOT NULL,
  hash            bytea       NOT NULL,
  PRIMARY KEY (stream_id, stream_version),
  UNIQUE (stream_id, event_id)
);

CREATE UNIQUE INDEX ledger_events_log_order ON ledger_events (transaction_id, position);

-- Appends events to one stream in one round trip.
--   p_expected: 'any', 'no-stream', 'stream-exists' or a whole number (the stream's current version).
-- Answers one row: the stream's version after the append, the log position of each event, the
-- last hash, and whether the append was a retry. When every event id is already in the stream it
-- appends nothing and answers what the first append answered (duplicate = true).
-- p_guard_ids / p_guard_versions name other streams the decision was made on and the versions
-- read: the append goes ahead only if each is still at that version (0: no such stream), and
-- their heads stay share-locked until commit, so none can move underneath it.
-- Raises SQLSTATE 'LD409' (version conflict, DETAIL = the actual version; for a guard,
-- DETAIL = '<stream id> <actual version>') or 'LD422' (some but not all event ids already stored).
CREATE FUNCTION ledger_append(
  p_stream_id       text,
  p_expected        text,
  p_event_ids       uuid[],
  p_types           text[],
  p_schema_versions integer[],
  p_actors          text[],
  p_bodies          text[],
  p_recorded_at     timestamptz,
  p_guard_ids       text[],
  p_guard_versions  integer[],
  OUT next_version  integer,
  OUT positions     text[],
  OUT last_hash     text,
  OUT duplicate     boolean
)
LANGUAGE plpgsql AS $$
DECLARE
  v_count    integer := cardinality(p_event_ids);
  v_current  integer;
  v_hash     bytea;
  v_hashes   bytea[];
  v_found    integer;
  v_exists   boolean;
  v_matches  boolean;
  v_guard    record;
BEGIN
  FOR v_guard IN
    SELECT g.stream_id, g.version AS expected, s.version AS actual
      FROM unnest(p_guard_ids, p_guard_versions) AS g(stream_id, version)
      LEFT JOIN LATERAL (SELECT h.version FROM ledger_streams h WHERE h.stream_id = g.stream_id FOR SHARE) s ON true
  LOOP
    IF coalesce(v_guard.actual, 0) <> v_guard.expected THEN
      RAISE EXCEPTION 'stream % is at version %, the decision read version %', v_guard.stream_id, coalesce(v_guard.actual, 0), v_guard.expected
        USING ERRCODE = 'LD409', DETAIL = v_guard.stream_id || ' ' || coalesce(v_guard.actual, 0);
    END IF;
  END LOOP;

  LOOP
    SELECT s.version, s.last_hash INTO v_current, v_hash
      FROM ledger_streams s WHERE s.stream_id = p_stream_id FOR NO KEY UPDATE;
    v_exists := FOUND;
    IF NOT v_exists THEN
      v_current := 0;
      v_hash := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    END IF;

    v_matches := p_expected = 'any'
      OR (p_expected = 'no-stream' AND v_current = 0)
      OR (p_expected = 'stream-exists' AND v_current > 0)
      OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_current);

    -- A retry of an append already made answers what that append answered. A retry at a number
    -- or no-stream fails the version check (the stream moved on), so only then, or when the
    -- expected version cannot tell, are the event ids looked up.
    IF v_current > 0 AND (NOT v_matches OR p_expected IN ('any', 'stream-exists')) THEN
      SELECT count(*), max(e.stream_version),
             array_agg(e.transaction_id::text || ':' || e.position::text ORDER BY e.stream_version),
             (array_agg(encode(e.hash, 'hex') ORDER BY e.stream_version DESC))[1]
        INTO v_found, next_version, positions, last_hash
        FROM ledger_events e WHERE e.stream_id = p_stream_id AND e.event_id = ANY (p_event_ids);
      IF v_found = v_count THEN
        duplicate := true;
        RETURN;
      ELSIF v_found > 0 THEN
        RAISE EXCEPTION 'some events of this append are already in stream %', p_stream_id USING ERRCODE = 'LD422';
      END IF;
    END IF;

    IF NOT v_matches THEN
      RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_current, p_expected
        USING ERRCODE = 'LD409', DETAIL = v_current::text;
    END IF;

    v_hashes := '{}';
    FOR i IN 1 .. v_count LOOP
      v_hash := sha256(v_hash || int4send(v_current + i) || convert_to(p_bodies[i], 'UTF8'));
      v_hashes := v_hashes || v_hash;
    END LOOP;

    IF v_exists THEN
      UPDATE ledger_streams SET version = v_current + v_count, last_hash = v_hash WHERE stream_id = p_stream_id;
      EXIT;
    END IF;
    INSERT INTO ledger_streams (stream_id, version, last_hash) VALUES (p_stream_id, v_count, v_hash)
      ON CONFLICT (stream_id) DO NOTHING;
    EXIT WHEN FOUND;
    -- Another appender created the stream meanwhile: look again, under its lock.
  END LOOP;

  next_version := v_current + v_count;
  last_hash := encode(v_hash, 'hex');
  duplicate := false;
  IF v_count = 1 THEN
    INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type,
                               schema_version, actor, recorded_at, body, hash)
    VALUES (p_stream_id, next_version, nextval('ledger_event_position'), pg_current_xact_id(), p_event_ids[1],
            p_types[1], p_schema_versions[1], p_actors[1], p_recorded_at, p_bodies[1], v_hash)
    RETURNING ARRAY[transaction_id::text || ':' || position::text] INTO positions;
  ELSE
    WITH inserted AS (
      INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type,
                                 schema_version, actor, recorded_at, body, hash)
      SELECT p_stream_id, v_current + n.i, nextval('ledger_event_position'), pg_current_xact_id(),
             p_event_ids[n.i], p_types[n.i], p_schema_versions[n.i], p_actors[n.i], p_recorded_at,
             p_bodies[n.i], v_hashes[n.i]
        FROM generate_series(1, v_count) AS n(i)
      RETURNING stream_version, transaction_id, position
    )
    SELECT array_agg(transaction_id::text || ':' || position::text ORDER BY stream_version) INTO positions FROM inserted;
  END IF;
END
$$;
