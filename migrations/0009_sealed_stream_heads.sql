-- Where each stream stands in the sealed log: the version and hash chain of its last sealed event.
-- The sealer checks every event against it before sealing it — the next version of its stream,
-- chained from the hash sealed before — so an event with a broken chain, or one that follows an
-- event removed or slipped in, is refused instead of sealed. Kept in the sealer's transaction,
-- beside ledger_seal. Hashes here are bytea, as in ledger_events.
CREATE TABLE ledger_sealed_streams (
  stream_id text    PRIMARY KEY,
  version   integer NOT NULL CHECK (version >= 1),
  hash      bytea   NOT NULL
);

-- A ledger sealed before this migration: each stream's last sealed event, from the leaves' bytes.
INSERT INTO ledger_sealed_streams (stream_id, version, hash)
SELECT DISTINCT ON (stream_id) stream_id, version, hash
  FROM (SELECT ((bytes::json ->> 'body')::json ->> 'streamId') AS stream_id,
               (bytes::json ->> 'streamVersion')::integer AS version,
               decode(bytes::json ->> 'hash', 'hex') AS hash
          FROM ledger_leaves) sealed
 ORDER BY stream_id, version DESC;
