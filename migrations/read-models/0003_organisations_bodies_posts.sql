-- Organisations, bodies and posts (DESIGN.md §3): who governs an organisation when, who
-- succeeded whom, who sat on a body when, who held a post when.
--
-- Ids are slugs compared byte-wise (COLLATE "C"), so lists sort and page by id the same way on
-- every server whatever its locale. Instants are timestamptz; a window is [start, end), end
-- exclusive, NULL while open. Free text users typed (names, titles, roles, reasons, terms of
-- reference) is kept as `json` (a JSON string): PostgreSQL text cannot hold U+0000, nor can
-- jsonb, while json text keeps it escaped and answers it as typed. Nothing queries free text.
-- Every row keeps the log position and recorded_at of the event that last changed it.

CREATE TABLE organisations (
  organisation_id      text COLLATE "C" PRIMARY KEY,
  name                 json        NOT NULL,
  kind                 text        NOT NULL,
  functions            text[]      NOT NULL,
  established_on       timestamptz NOT NULL,
  dissolved_on         timestamptz,
  successor_id         text COLLATE "C",
  -- Whether the delegations it granted passed to the successor (NULL while not dissolved).
  transfer_delegations boolean,
  position             text        NOT NULL,
  recorded_at          timestamptz NOT NULL
);

-- The organisation's governing body over time: [valid_from, valid_until).
CREATE TABLE governing_body_terms (
  organisation_id text COLLATE "C" NOT NULL,
  body_id         text COLLATE "C" NOT NULL,
  valid_from      timestamptz NOT NULL,
  valid_until     timestamptz,
  position        text        NOT NULL,
  recorded_at     timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, valid_from)
);
CREATE INDEX governing_body_terms_by_body ON governing_body_terms (body_id);

-- An organisation dissolved into its successor (recorded on the successor's stream).
CREATE TABLE organisation_successions (
  successor_id         text COLLATE "C" NOT NULL,
  predecessor_id       text COLLATE "C" NOT NULL,
  succeeded_on         timestamptz NOT NULL,
  transfer_delegations boolean     NOT NULL,
  position             text        NOT NULL,
  recorded_at          timestamptz NOT NULL,
  PRIMARY KEY (successor_id, predecessor_id)
);

CREATE TABLE bodies (
  body_id                 text COLLATE "C" PRIMARY KEY,
  name                    json        NOT NULL,
  kind                    text        NOT NULL,
  -- The organisation it belongs to, or the host of a body of several.
  organisation_id         text COLLATE "C",
  -- The organisations constituting a body of several, in the order named; empty for a body of one.
  member_organisation_ids text[]      NOT NULL,
  established_on          timestamptz NOT NULL,
  dissolved_on            timestamptz,
  terms_of_reference      json,
  position                text        NOT NULL,
  recorded_at             timestamptz NOT NULL
);
CREATE INDEX bodies_by_kind ON bodies (kind, body_id);

-- Every organisation a body names (its own or host, and its member organisations): the bodies of
-- an organisation, and the `organisationId` filter of the list.
CREATE TABLE body_organisations (
  organisation_id text COLLATE "C" NOT NULL,
  body_id         text COLLATE "C" NOT NULL,
  position        text        NOT NULL,
  recorded_at     timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, body_id)
);

-- Who sat on a body when: a person (member_name) or an organisation (member_organisation_id).
-- end_date is the appointed end until a MembershipEnded sets it; `ended` says one did.
CREATE TABLE memberships (
  body_id                      text COLLATE "C" NOT NULL,
  membership_id                text COLLATE "C" NOT NULL,
  member_name                  json,
  member_organisation_id       text COLLATE "C",
  role                         json        NOT NULL,
  on_behalf_of_organisation_id text COLLATE "C",
  start_date                   timestamptz NOT NULL,
  end_date                     timestamptz,
  ended                        boolean     NOT NULL DEFAULT false,
  end_reason                   json,
  position                     text        NOT NULL,
  recorded_at                  timestamptz NOT NULL,
  PRIMARY KEY (body_id, membership_id)
);
CREATE INDEX memberships_by_member_organisation ON memberships (member_organisation_id) WHERE member_organisation_id IS NOT NULL;

CREATE TABLE posts (
  post_id         text COLLATE "C" PRIMARY KEY,
  title           json        NOT NULL,
  organisation_id text COLLATE "C" NOT NULL,
  position        text        NOT NULL,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX posts_by_organisation ON posts (organisation_id, post_id);

-- Who held a post when; one holder at a time, so a holding is known by its start.
CREATE TABLE post_holdings (
  post_id     text COLLATE "C" NOT NULL,
  start_date  timestamptz NOT NULL,
  person_name json        NOT NULL,
  end_date    timestamptz,
  ended       boolean     NOT NULL DEFAULT false,
  end_reason  json,
  position    text        NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (post_id, start_date)
);
