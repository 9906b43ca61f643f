-- Proposals, their ratifications and their history (API.md "Reads": /v1/proposals,
-- /v1/proposals/{id}, /v1/proposals/{id}/history, /v1/ratifications, /v1/bodies/{id}/decisions).
--
-- Free text (titles, summaries, reasons, conditions, meeting references, exempt reasons…) is kept
-- only inside JSON documents held as `text`: JSON escapes a NUL character as \u0000, which neither
-- a plain `text` value (no 0x00 byte) nor `jsonb` (no \u0000 escape) would accept. Plain columns
-- hold only what lists filter and sort on: ids, enumerations, dates, log positions.
--
-- The rows are the state `proposalDecider.evolve` folds: the projection rebuilds a proposal's
-- `ProposalState` from its row and its ratifications' rows, evolves it with the batch's events and
-- writes it back, so the read model follows the domain's own rules.

-- One row per tabled proposal, as its current version stands.
CREATE TABLE proposals (
  proposal_id        text        PRIMARY KEY,
  version            integer     NOT NULL,
  -- open | ratified | rejected | withdrawn, as the stream's status events left it.
  status             text        NOT NULL,
  key_decision       boolean     NOT NULL,
  -- Schedule 12A paragraph (1-7) when part of the matter is exempt; the reason is in `exempt`.
  exempt_paragraph   smallint,
  exempt             text,                 -- JSON {paragraph, reason} | null
  proposed_by_id     text        NOT NULL,
  tabled_on          timestamptz NOT NULL,
  withdrawn_on       timestamptz,
  withdrawal         text,                 -- JSON {withdrawnOn, reason} | null
  -- The current version's scopes and value, for filtering (the full content is in `versions`).
  scopes             text[]      NOT NULL,
  value_pence        bigint,
  -- Organisations the current route names, and those any decision was recorded for.
  organisation_ids   text[]      NOT NULL,
  -- JSON: every version, oldest first: {version, madeOn, amendmentReason, title, summary, scopes,
  -- valuePence, route: [{organisationId, bodyId, requirement}]}; the last is current.
  versions           text        NOT NULL,
  -- Where ProposalTabled stands in the log (the register's order), and the last event applied.
  tabled_transaction bigint      NOT NULL,
  tabled_sequence    bigint      NOT NULL,
  tabled_position    text        NOT NULL,
  last_position      text        NOT NULL,
  updated_at         timestamptz NOT NULL  -- recordedAt of the last event applied
);
CREATE INDEX proposals_register ON proposals (tabled_on DESC, tabled_transaction DESC, tabled_sequence DESC);
CREATE INDEX proposals_by_status ON proposals (status, tabled_on DESC);
CREATE INDEX proposals_by_organisation ON proposals USING gin (organisation_ids);

-- Every ratification of every version, rescinded, set-aside and superseded ones included.
CREATE TABLE ratifications (
  proposal_id      text        NOT NULL,
  ratification_id  text        NOT NULL,
  version          integer     NOT NULL,
  step_index       integer     NOT NULL,
  requirement      text        NOT NULL,   -- approve | endorse | note
  organisation_id  text,
  decider_id       text        NOT NULL,   -- a body or a post
  decider_kind     text        NOT NULL,   -- body | post
  outcome          text        NOT NULL,
  decided_on       timestamptz NOT NULL,
  call_in_until    timestamptz,
  -- JSON: the statutory record exactly as RatificationRecorded carried it (reasons,
  -- alternativesConsidered, meeting, conditions, conflictsOfInterest, decidedByPerson, dates…),
  -- without the authority basis, which has a column of its own.
  statement        text        NOT NULL,
  -- JSON AuthorityBasis | null: the question asked, the chains that answered it and the stream
  -- versions read, so the authority can be re-evaluated on what the ledger knows later.
  authority        text,
  rescinded_on     timestamptz,
  rescission       text,                   -- JSON {rescindedOn, reason} | null
  set_aside_on     timestamptz,
  set_aside        text,                   -- JSON {callInId, resolvedOn} | null (referred back on call-in)
  call_ins         text        NOT NULL,   -- JSON [{callInId, scrutinyBodyId, lodgedOn, reason, resolution}]
  log_transaction  bigint      NOT NULL,
  log_sequence     bigint      NOT NULL,
  position         text        NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, ratification_id)
);
CREATE INDEX ratifications_register ON ratifications (decided_on DESC, log_transaction DESC, log_sequence DESC);
CREATE INDEX ratifications_by_decider ON ratifications (decider_id, decided_on DESC, log_transaction DESC, log_sequence DESC);
CREATE INDEX ratifications_by_organisation ON ratifications (organisation_id, decided_on DESC);
CREATE INDEX ratifications_by_proposal ON ratifications (proposal_id, log_transaction, log_sequence);

-- Every event of every proposal's stream, with its data, in stream order. The line of English is
-- written when read (`summarise`), so that a redacted reading describes the redacted data.
CREATE TABLE proposal_history (
  proposal_id      text        NOT NULL,
  stream_version   integer     NOT NULL,
  log_transaction  bigint      NOT NULL,
  log_sequence     bigint      NOT NULL,
  position         text        NOT NULL,
  event_id         uuid        NOT NULL,
  type             text        NOT NULL,
  actor            text,
  recorded_at      timestamptz NOT NULL,
  data             text        NOT NULL,   -- JSON, the event's data as stored
  PRIMARY KEY (proposal_id, stream_version)
);
