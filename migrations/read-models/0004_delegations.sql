-- Delegations on two time axes: valid time (when a change took effect, `effective_from`) and record
-- time (when the ledger learned it: the event's `recorded_at` and log position). Ids are slugs
-- compared byte-wise (COLLATE "C"), so lists sort and page the same on every server. Free text
-- (reasons, the instrument) is text; PostgreSQL text cannot hold U+0000, so the projection keeps
-- that one character as U+FFFD rather than stop the read side on it.

-- One row per delegation, as the ledger knows it now. The terms are the latest in valid time (the
-- grant with every recorded variation applied); the standing is what has been recorded, whatever
-- the clock says: `active`, `suspended` (a suspension no reinstatement has ended) or `revoked`.
CREATE TABLE delegations (
  delegation_id              text COLLATE "C" PRIMARY KEY,
  organisation_id            text COLLATE "C" NOT NULL,
  from_id                    text COLLATE "C" NOT NULL,
  to_id                      text COLLATE "C" NOT NULL,
  scopes                     text[]      NOT NULL,
  limit_pence                bigint,
  effective_from             timestamptz NOT NULL,
  effective_until            timestamptz,
  may_redelegate             boolean     NOT NULL,
  standing                   text        NOT NULL CHECK (standing IN ('active', 'suspended', 'revoked')),
  suspended_from             timestamptz,
  suspension_reason          text,
  revoked_from               timestamptz,
  revocation_reason          text,
  instrument_title           text        NOT NULL,
  instrument_reference       text,
  instrument_url             text,
  authorised_by_proposal_id  text,
  granted_recorded_at        timestamptz NOT NULL,
  revocation_recorded_at     timestamptz,
  last_recorded_at           timestamptz NOT NULL,
  events                     integer     NOT NULL
);
CREATE INDEX delegations_by_organisation ON delegations (organisation_id, effective_from, delegation_id);
CREATE INDEX delegations_by_giver ON delegations (from_id, effective_from, delegation_id);
CREATE INDEX delegations_by_holder ON delegations (to_id, effective_from, delegation_id);
CREATE INDEX delegations_in_order ON delegations (effective_from, delegation_id);

-- One row per event of each delegation. What the event said stays as recorded: its type, the
-- valid time it takes effect (`effective_from`), when it was recorded (`recorded_at`, log
-- position), its reason and, for a variation, the terms it changed (`changes`, [{term, to}]).
--
-- Each row also carries two readings of the delegation from `effective_from`:
--   * `status`, `scopes`, `limit_pence`, `effective_until`, `may_redelegate`: as the ledger knows
--     it now, in force over the valid-time segment [effective_from, valid_until) up to the next
--     event's date (rewritten when a later record reaches back, e.g. a backdated revocation);
--     the delegation is in force at T when T falls in a segment whose status is `in-force` and
--     before its `effective_until`;
--   * `recorded_*`: as the ledger knew it once this event was recorded, never rewritten: the
--     answer at record time R is in the rows recorded by R.
CREATE TABLE delegation_history (
  log_transaction          bigint      NOT NULL,
  log_sequence             bigint      NOT NULL,
  position                 text        NOT NULL,
  delegation_id            text COLLATE "C" NOT NULL,
  organisation_id          text COLLATE "C" NOT NULL,
  stream_id                text        NOT NULL,
  stream_version           integer     NOT NULL,
  event_id                 uuid        NOT NULL,
  type                     text        NOT NULL,
  actor                    text,
  recorded_at              timestamptz NOT NULL,
  effective_from           timestamptz NOT NULL,
  reason                   text,
  changes                  jsonb,
  valid_until              timestamptz,
  status                   text        NOT NULL CHECK (status IN ('in-force', 'suspended', 'revoked')),
  scopes                   text[]      NOT NULL,
  limit_pence              bigint,
  effective_until          timestamptz,
  may_redelegate           boolean     NOT NULL,
  recorded_status          text        NOT NULL CHECK (recorded_status IN ('in-force', 'suspended', 'revoked')),
  recorded_scopes          text[]      NOT NULL,
  recorded_limit_pence     bigint,
  recorded_effective_until timestamptz,
  recorded_may_redelegate  boolean     NOT NULL,
  PRIMARY KEY (log_transaction, log_sequence)
);
CREATE INDEX delegation_history_by_delegation ON delegation_history (delegation_id, log_transaction, log_sequence);
CREATE INDEX delegation_history_by_valid_time ON delegation_history (delegation_id, effective_from);
