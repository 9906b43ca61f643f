import { InvalidCommandError, parseInstant, type Instant } from '@ledger/governance';
import { decodeCursor, InvalidCursorError, pageLimit, toPage, type Page } from '../lists/page.js';
import { ListConditions } from '../lists/list-conditions.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';
import type {
  BodySummaryView,
  BodyView,
  DissolutionView,
  GoverningBodyTermView,
  GoverningTermView,
  HoldingView,
  MembershipView,
  OrganisationSummaryView,
  OrganisationView,
  PostSummaryView,
  PostView,
  PredecessorView,
  SuccessorView,
} from './organisations.views.js';

/**
 * The reads of organisations, bodies and posts. Each answer comes from one statement, so it is
 * one snapshot of the read models even while the projector writes. Lists sort by id (byte order)
 * and page by it.
 */

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

export interface BodyListOptions extends ListOptions {
  /** Bodies naming the organisation as their own or host, or as a member organisation. */
  organisationId?: string;
  kind?: string;
}

/** An instant as UTC ISO text, the way the domain writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const BODY_SUMMARY_COLUMNS = `b.body_id AS id, b.name, b.kind, b.organisation_id, b.member_organisation_ids,
  ${iso('b.established_on')} AS established_on, ${iso('b.dissolved_on')} AS dissolved_on`;

const BODY_SUMMARY_JSON = `json_build_object('id', b.body_id, 'name', b.name, 'kind', b.kind, 'organisationId', b.organisation_id,
  'memberOrganisationIds', b.member_organisation_ids, 'establishedOn', ${iso('b.established_on')}, 'dissolvedOn', ${iso('b.dissolved_on')})`;

const ENDED_JSON = (alias: string) => `CASE WHEN ${alias}.ended THEN json_build_object('reason', ${alias}.end_reason) END`;

const MEMBERSHIP_JSON = `json_build_object('membershipId', m.membership_id, 'memberName', m.member_name, 'memberOrganisationId', m.member_organisation_id,
  'role', m.role, 'onBehalfOfOrganisationId', m.on_behalf_of_organisation_id, 'startDate', ${iso('m.start_date')}, 'endDate', ${iso('m.end_date')},
  'ended', ${ENDED_JSON('m')})`;

const HOLDING_JSON = `json_build_object('personName', h.person_name, 'startDate', ${iso('h.start_date')}, 'endDate', ${iso('h.end_date')}, 'ended', ${ENDED_JSON('h')})`;

/** `[start, end)` holds at `$2`. */
const IN_FORCE_AT = (alias: string) => `${alias}.start_date <= $2::timestamptz AND (${alias}.end_date IS NULL OR ${alias}.end_date > $2::timestamptz)`;

interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  functions: string[];
  established_on: string;
  dissolved_on: string | null;
  successor_id: string | null;
  transfer_delegations: boolean | null;
}

const ORGANISATION_COLUMNS = `o.organisation_id AS id, o.name, o.kind, o.functions, ${iso('o.established_on')} AS established_on,
  ${iso('o.dissolved_on')} AS dissolved_on, o.successor_id, o.transfer_delegations`;

/** `GET /v1/organisations`: every organisation, by id. */
export async function listOrganisations(reader: ReadModelReader, options: ListOptions = {}): Promise<Page<OrganisationSummaryView>> {
  const limit = pageLimit(options.limit);
  const conditions = new ListConditions().whenGiven(afterId(options.cursor), 'text', (id) => `o.organisation_id > ${id}`);
  const rows = await reader.query<OrganisationRow>(
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations o ${conditions.where}
     ORDER BY o.organisation_id LIMIT ${conditions.parameter(limit + 1, 'integer')}`,
    conditions.values,
  );
  return toPage(rows, limit, (row) => [row.id], organisationSummary);
}

/** `GET /v1/organisations/{id}`: with its successor, predecessors, governing bodies, bodies and posts; null when unknown. */
export async function organisationById(reader: ReadModelReader, id: string): Promise<OrganisationView | null> {
  const [row] = await reader.query<
    OrganisationRow & { successor: SuccessorView | null; predecessors: PredecessorView[]; governing_bodies: GoverningBodyTermView[]; bodies: BodySummaryView[]; posts: PostSummaryView[] }
  >(
    `SELECT ${ORGANISATION_COLUMNS},
       (SELECT json_build_object('id', s.organisation_id, 'name', s.name) FROM organisations s WHERE s.organisation_id = o.successor_id) AS successor,
       (SELECT coalesce(json_agg(json_build_object('id', p.predecessor_id, 'name', po.name, 'succeededOn', ${iso('p.succeeded_on')},
                 'transferDelegations', p.transfer_delegations) ORDER BY p.succeeded_on, p.predecessor_id), '[]'::json)
          FROM organisation_successions p LEFT JOIN organisations po ON po.organisation_id = p.predecessor_id
         WHERE p.successor_id = o.organisation_id) AS predecessors,
       (SELECT coalesce(json_agg(json_build_object('bodyId', t.body_id, 'name', b.name, 'from', ${iso('t.valid_from')}, 'until', ${iso('t.valid_until')})
                 ORDER BY t.valid_from), '[]'::json)
          FROM governing_body_terms t LEFT JOIN bodies b ON b.body_id = t.body_id
         WHERE t.organisation_id = o.organisation_id) AS governing_bodies,
       (SELECT coalesce(json_agg(${BODY_SUMMARY_JSON} ORDER BY b.body_id), '[]'::json)
          FROM body_organisations bo JOIN bodies b ON b.body_id = bo.body_id
         WHERE bo.organisation_id = o.organisation_id) AS bodies,
       (SELECT coalesce(json_agg(json_build_object('id', p.post_id, 'title', p.title, 'organisationId', p.organisation_id) ORDER BY p.post_id), '[]'::json)
          FROM posts p WHERE p.organisation_id = o.organisation_id) AS posts
     FROM organisations o WHERE o.organisation_id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    ...organisationSummary(row),
    successor: row.successor,
    predecessors: row.predecessors,
    governingBodies: row.governing_bodies,
    bodies: row.bodies,
    posts: row.posts,
  };
}

interface BodyRow {
  id: string;
  name: string;
  kind: string;
  organisation_id: string | null;
  member_organisation_ids: string[];
  established_on: string;
  dissolved_on: string | null;
}

/** `GET /v1/bodies`: every body, by id, optionally of one organisation and of one kind. */
export async function listBodies(reader: ReadModelReader, options: BodyListOptions = {}): Promise<Page<BodySummaryView>> {
  const limit = pageLimit(options.limit);
  const conditions = new ListConditions()
    .whenGiven(afterId(options.cursor), 'text', (id) => `b.body_id > ${id}`)
    .whenGiven(options.organisationId, 'text', (organisationId) => `EXISTS (SELECT 1 FROM body_organisations bo WHERE bo.body_id = b.body_id AND bo.organisation_id = ${organisationId})`)
    .whenGiven(options.kind, 'text', (kind) => `b.kind = ${kind}`);
  const rows = await reader.query<BodyRow>(
    `SELECT ${BODY_SUMMARY_COLUMNS} FROM bodies b ${conditions.where}
     ORDER BY b.body_id LIMIT ${conditions.parameter(limit + 1, 'integer')}`,
    conditions.values,
  );
  return toPage(rows, limit, (row) => [row.id], bodySummary);
}

/** `GET /v1/bodies/{id}?at`: the body with who sat on it at `at`, and every membership; null when unknown. */
export async function bodyById(reader: ReadModelReader, id: string, at: string): Promise<BodyView | null> {
  const instant = atInstant(at);
  const [row] = await reader.query<BodyRow & { terms_of_reference: string | null; governs: GoverningTermView[]; members: MembershipView[]; history: MembershipView[] }>(
    `SELECT ${BODY_SUMMARY_COLUMNS}, b.terms_of_reference,
       (SELECT coalesce(json_agg(json_build_object('organisationId', t.organisation_id, 'from', ${iso('t.valid_from')}, 'until', ${iso('t.valid_until')})
                 ORDER BY t.valid_from, t.organisation_id), '[]'::json)
          FROM governing_body_terms t WHERE t.body_id = b.body_id) AS governs,
       (SELECT coalesce(json_agg(${MEMBERSHIP_JSON} ORDER BY m.start_date, m.membership_id) FILTER (WHERE ${IN_FORCE_AT('m')}), '[]'::json)
          FROM memberships m WHERE m.body_id = b.body_id) AS members,
       (SELECT coalesce(json_agg(${MEMBERSHIP_JSON} ORDER BY m.start_date, m.membership_id), '[]'::json)
          FROM memberships m WHERE m.body_id = b.body_id) AS history
     FROM bodies b WHERE b.body_id = $1`,
    [id, instant],
  );
  if (!row) return null;
  return { ...bodySummary(row), termsOfReference: row.terms_of_reference, governs: row.governs, at: instant, members: row.members, history: row.history };
}

/** `GET /v1/posts/{id}?at` (an addition): the post with who held it at `at`, and every holding; null when unknown. */
export async function postById(reader: ReadModelReader, id: string, at: string): Promise<PostView | null> {
  const instant = atInstant(at);
  const [row] = await reader.query<{ id: string; title: string; organisation_id: string; holder: HoldingView | null; holders: HoldingView[] }>(
    `SELECT p.post_id AS id, p.title, p.organisation_id,
       (SELECT ${HOLDING_JSON} FROM post_holdings h WHERE h.post_id = p.post_id AND ${IN_FORCE_AT('h')} ORDER BY h.start_date DESC LIMIT 1) AS holder,
       (SELECT coalesce(json_agg(${HOLDING_JSON} ORDER BY h.start_date), '[]'::json) FROM post_holdings h WHERE h.post_id = p.post_id) AS holders
     FROM posts p WHERE p.post_id = $1`,
    [id, instant],
  );
  if (!row) return null;
  return { id: row.id, title: row.title, organisationId: row.organisation_id, at: instant, holder: row.holder, holders: row.holders };
}

function organisationSummary(row: OrganisationRow): OrganisationSummaryView {
  const dissolution: DissolutionView | null =
    row.dissolved_on === null ? null : { dissolvedOn: row.dissolved_on, successorId: row.successor_id, transferDelegations: row.transfer_delegations ?? false };
  return { id: row.id, name: row.name, kind: row.kind, functions: row.functions, establishedOn: row.established_on, dissolution };
}

function bodySummary(row: BodyRow): BodySummaryView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    organisationId: row.organisation_id,
    memberOrganisationIds: row.member_organisation_ids,
    establishedOn: row.established_on,
    dissolvedOn: row.dissolved_on,
  };
}

/** The id a page starts after; a cursor is the last id of the page before. */
function afterId(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const [id] = decodeCursor(cursor, 1);
  if (typeof id !== 'string') throw new InvalidCursorError(cursor);
  return id;
}

/** `at` as the domain writes instants; a date alone is 00:00 Europe/London. */
function atInstant(at: string): Instant {
  const instant = parseInstant(at);
  if (instant === undefined) throw new InvalidCommandError('at must be an ISO 8601 instant with offset, or a date.', 'at');
  return instant;
}

/** Whether the ledger knows a body or a post of this id (they share one space of ids: deciders, holders). */
export async function isKnownBodyOrPost(reader: ReadModelReader, id: string): Promise<boolean> {
  const rows = await reader.query('SELECT 1 FROM bodies WHERE body_id = $1 UNION ALL SELECT 1 FROM posts WHERE post_id = $1 LIMIT 1', [id]);
  return rows.length > 0;
}

/**
 * The names of organisations and bodies, and the titles of posts, by id: for answers that show a
 * name beside an id (the site's pages). Ids the ledger does not know are left out.
 */
export async function namesOf(reader: ReadModelReader, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await reader.query<{ id: string; name: string }>(
    `SELECT organisation_id AS id, name FROM organisations WHERE organisation_id = ANY($1::text[])
     UNION ALL SELECT body_id, name FROM bodies WHERE body_id = ANY($1::text[])
     UNION ALL SELECT post_id, title FROM posts WHERE post_id = ANY($1::text[])`,
    [[...new Set(ids)]],
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}
