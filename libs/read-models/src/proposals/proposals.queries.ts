import { InvalidCommandError } from '@ledger/governance';
import {
  PROPOSAL_STATUSES,
  RATIFICATION_OUTCOMES,
  currentProposalVersion,
  implementableFrom,
  isPendingCallIn,
  isScope,
  parseInstant,
  proposalImplementableFrom,
  ratificationStands,
  stepDecisions,
  type Instant,
  type ProposalStatus,
  type RatificationOutcome,
} from '@ledger/governance';
import { ListConditions } from '../lists/list-conditions.js';
import { InvalidCursorError, decodeCursor, pageLimit, toPage, type Page } from '../lists/page.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';
import {
  PROPOSAL_COLUMNS,
  ratificationColumns,
  instantText,
  authorityOf,
  isoInstant,
  parseJson,
  decisionRecordOf,
  proposalRecordOf,
  type ProposalRow,
  type RatificationRow,
  type RatificationStanding as StoredStanding,
  type RatificationStatement,
} from './proposals.rows.js';
import type { DecisionRecord } from './proposal-record.js';
import type { ExemptParagraph, ProposalListItem, ProposalVersionView, ProposalView, RatificationStanding, RatificationView } from './proposals.views.js';

/** A filter a list cannot take (400 `validation_failed`, naming the query parameter). */
export class InvalidFilterError extends InvalidCommandError {
  constructor(field: string, message: string) {
    super(message, field);
  }
}

/** A filter the read model cannot answer by itself (`authority=lapsed` is answered by the authority checks). */
export class FilterNotImplementedError extends InvalidCommandError {
  constructor(field: string, value: string) {
    super(`The ${field}=${value} filter is not answered by the ratifications read model; the authority checks re-evaluate each ratification's recorded basis.`, field);
  }
}

export interface ListQuery {
  limit?: number;
  cursor?: string | null;
}

/** An inclusive range: an instant, or a date meaning 00:00 Europe/London (API.md "Dates"). */
export interface DateRange {
  from?: string;
  to?: string;
}

export interface ListProposalsQuery extends ListQuery, DateRange {
  status?: string;
  organisationId?: string;
  /** Hierarchical: `community-services` also finds proposals on `community-services/children`. */
  scope?: string;
}

export interface ListRatificationsQuery extends ListQuery, DateRange {
  organisationId?: string;
  deciderId?: string;
  outcome?: string;
  proposalId?: string;
  /** `lapsed` is answered by the authority checks, not here: `FilterNotImplementedError`. */
  authority?: string;
  /** The instant `pendingCallIn` and `status` are judged at; defaults to now. */
  now?: string;
  /** `open`: decisions whose call-in period has not yet ended (at `now`); `lodged`: decisions a call-in was lodged against. */
  callIn?: string;
  /** Only decisions on key decisions (`true`), or on others (`false`). */
  keyDecision?: boolean;
}

export const CALL_IN_FILTERS = ['open', 'lodged'] as const;

export interface BodyDecisionsQuery extends ListQuery, DateRange {
  now?: string;
  outcome?: string;
  callIn?: string;
  keyDecision?: boolean;
}

export interface ProposalHistoryQuery extends ListQuery {}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

function instantFilter(value: string | undefined, field: string): Instant | null {
  if (value === undefined) return null;
  const instant = parseInstant(value);
  if (instant === undefined) throw new InvalidFilterError(field, `${field} is an ISO 8601 date or instant, not ${JSON.stringify(value)}.`);
  return instant;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | null {
  if (value === undefined) return null;
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidFilterError(field, `${field} is one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
  return value as T;
}

const textFilter = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

function nowOf(now: string | undefined): Instant {
  return instantFilter(now, 'now') ?? new Date().toISOString();
}

/** The types of a log cursor's parts, as parameters. */
const LOG_KEY = ['timestamptz', 'bigint', 'bigint'];

/** A cursor of `[instant, log transaction, log sequence]`, the keyset of the newest-first lists; null for the first page. */
function logCursor(cursor: string | null | undefined): [Instant, string, string] | null {
  if (!cursor) return null;
  const [instant, transaction, sequence] = decodeCursor(cursor, 3);
  const at = typeof instant === 'string' ? parseInstant(instant) : undefined;
  if (at === undefined || typeof transaction !== 'string' || !/^\d+$/.test(transaction) || typeof sequence !== 'string' || !/^\d+$/.test(sequence)) {
    throw new InvalidCursorError(cursor);
  }
  return [at, transaction, sequence];
}

// ---------------------------------------------------------------------------------------------
// Ratifications
// ---------------------------------------------------------------------------------------------

interface RatificationContext {
  proposalTitle: string;
  exemptParagraph: ExemptParagraph | null;
  /** Whether it is the decision that stands for its step of the current version. */
  counts: (record: DecisionRecord) => boolean;
  now: Instant;
}

function standingAt(record: DecisionRecord, now: Instant): RatificationStanding {
  if (record.rescission) return 'rescinded';
  if (record.setAside) return 'set-aside';
  return isPendingCallIn(record, now) ? 'pending-call-in' : 'stands';
}

function ratificationView(row: RatificationRow, context: RatificationContext): RatificationView {
  const statement = JSON.parse(row.statement) as RatificationStatement;
  const standing: StoredStanding = { rescission: parseJson(row.rescission), setAside: parseJson(row.set_aside), callIns: JSON.parse(row.call_ins) };
  const record = decisionRecordOf(statement, standing);
  return {
    id: record.ratificationId,
    proposalId: row.proposal_id,
    proposalTitle: context.proposalTitle,
    exemptParagraph: context.exemptParagraph,
    version: record.version,
    stepIndex: record.stepIndex,
    requirement: record.requirement,
    organisationId: record.organisationId,
    deciderId: record.deciderId,
    deciderKind: record.deciderKind,
    outcome: record.outcome,
    decidedOn: record.decidedOn,
    reasons: statement.reasons,
    alternativesConsidered: statement.alternativesConsidered,
    meeting: statement.meeting,
    conditions: statement.conditions,
    conflictsOfInterest: statement.conflictsOfInterest,
    decidedByPerson: statement.decidedByPerson,
    callInUntil: record.callInUntil,
    counts: context.counts(record),
    rescinded: record.rescission !== null,
    rescission: record.rescission,
    setAside: record.setAside,
    callIns: record.callIns,
    status: standingAt(record, context.now),
    pendingCallIn: isPendingCallIn(record, context.now),
    implementableFrom: implementableFrom(record),
    authority: authorityOf(row),
    position: row.position,
    proof: `/v1/ledger/proofs/inclusion?position=${row.position}`,
    recordedAt: isoInstant(row.recorded_at),
  };
}

/**
 * Whether a decision counts for its step of the current version — the rule of `stepDecisions`
 * (same version, not rescinded or set aside, not a deferral), for lists that do not fold the
 * whole proposal.
 */
const countsOn = (record: DecisionRecord, currentVersion: number) => record.version === currentVersion && record.outcome !== 'deferred' && ratificationStands(record);

interface RatificationListRow extends RatificationRow {
  decided_on: Date | string;
  exempt_paragraph: number | null;
  current_version: number;
  current_title: string;
}

async function ratificationsPage(
  reader: ReadModelReader,
  filter: {
    organisationId: string | null;
    deciderId: string | null;
    outcome: RatificationOutcome | null;
    proposalId: string | null;
    callIn?: (typeof CALL_IN_FILTERS)[number] | null;
    keyDecision?: boolean | null;
  },
  query: ListQuery & DateRange & { now?: string },
): Promise<Page<RatificationView>> {
  const limit = pageLimit(query.limit);
  const from = instantFilter(query.from, 'from');
  const to = instantFilter(query.to, 'to');
  const now = nowOf(query.now);
  const conditions = new ListConditions()
    .whenGiven(filter.organisationId, 'text', (organisationId) => `r.organisation_id = ${organisationId}`)
    .whenGiven(filter.deciderId, 'text', (deciderId) => `r.decider_id = ${deciderId}`)
    .whenGiven(filter.outcome, 'text', (outcome) => `r.outcome = ${outcome}`)
    .whenGiven(filter.proposalId, 'text', (proposalId) => `r.proposal_id = ${proposalId}`)
    .whenGiven(from, 'timestamptz', (instant) => `r.decided_on >= ${instant}`)
    .whenGiven(to, 'timestamptz', (instant) => `r.decided_on <= ${instant}`)
    .whenGiven(filter.keyDecision, 'boolean', (keyDecision) => `p.key_decision = ${keyDecision}`)
    .whenKey(logCursor(query.cursor), LOG_KEY, (key) => `(r.decided_on, r.log_transaction, r.log_sequence) < (${key})`);
  if (filter.callIn === 'open') conditions.and(`r.call_in_until > ${conditions.parameter(now, 'timestamptz')}`);
  if (filter.callIn === 'lodged') conditions.and(`r.call_ins <> '[]'`);
  const rows = await reader.query<RatificationListRow>(
    `SELECT ${ratificationColumns('r')}, ${instantText('r.decided_on')} AS decided_on, p.exempt_paragraph, p.version AS current_version,
            p.title AS current_title
     FROM ratifications r JOIN proposals p ON p.proposal_id = r.proposal_id
     ${conditions.where}
     ORDER BY r.decided_on DESC, r.log_transaction DESC, r.log_sequence DESC
     LIMIT ${conditions.parameter(limit + 1, 'integer')}`,
    conditions.values,
  );
  return toPage(
    rows,
    limit,
    (row) => [isoInstant(row.decided_on), row.log_transaction, row.log_sequence],
    (row) =>
      ratificationView(row, {
        proposalTitle: JSON.parse(row.current_title) as string,
        exemptParagraph: exemptParagraphOf(row.exempt_paragraph),
        counts: (record) => countsOn(record, row.current_version),
        now,
      }),
  );
}

/** A column list with every column taken from `alias`. */
const qualified = (columns: string, alias: string) =>
  columns
    .split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');

export const exemptParagraphOf = (paragraph: number | null): ExemptParagraph | null => (paragraph === null ? null : (Number(paragraph) as ExemptParagraph));

/**
 * `GET /v1/ratifications`: who approved what, newest decision first, each with its statutory
 * record, what became of it and the authority basis recorded with it.
 */
export async function listRatifications(reader: ReadModelReader, query: ListRatificationsQuery = {}): Promise<Page<RatificationView>> {
  if (query.authority !== undefined && query.authority !== '') throw new FilterNotImplementedError('authority', query.authority);
  return ratificationsPage(
    reader,
    {
      organisationId: textFilter(query.organisationId),
      deciderId: textFilter(query.deciderId),
      outcome: oneOf(textFilter(query.outcome) ?? undefined, RATIFICATION_OUTCOMES, 'outcome'),
      proposalId: textFilter(query.proposalId),
      callIn: oneOf(textFilter(query.callIn) ?? undefined, CALL_IN_FILTERS, 'callIn'),
      keyDecision: query.keyDecision ?? null,
    },
    query,
  );
}

/** `GET /v1/bodies/{id}/decisions`: the body's (or post's) decisions register, every ratification it made, newest first. */
export async function bodyDecisions(reader: ReadModelReader, bodyId: string, query: BodyDecisionsQuery = {}): Promise<Page<RatificationView>> {
  return ratificationsPage(
    reader,
    {
      organisationId: null,
      deciderId: bodyId,
      outcome: oneOf(textFilter(query.outcome) ?? undefined, RATIFICATION_OUTCOMES, 'outcome'),
      proposalId: null,
      callIn: oneOf(textFilter(query.callIn) ?? undefined, CALL_IN_FILTERS, 'callIn'),
      keyDecision: query.keyDecision ?? null,
    },
    query,
  );
}

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

interface ProposalListRow extends ProposalRow {
  tabled_on: Date | string;
  withdrawn_on: Date | string | null;
}

function listItem(row: ProposalListRow): ProposalListItem {
  const versions = JSON.parse(row.versions) as ProposalVersionView[];
  const current = versions[versions.length - 1];
  return {
    id: row.proposal_id,
    version: row.version,
    status: row.status as ProposalStatus,
    title: current.title,
    summary: current.summary,
    scopes: current.scopes,
    valuePence: current.valuePence,
    keyDecision: row.key_decision,
    exempt: parseJson(row.exempt),
    proposedById: row.proposed_by_id,
    tabledOn: versions[0].madeOn,
    withdrawnOn: row.withdrawn_on === null ? null : isoInstant(row.withdrawn_on),
    organisationIds: row.organisation_ids,
    position: row.last_position,
  };
}

/**
 * `GET /v1/proposals`: the register of proposals, most recently tabled first. `organisationId`
 * finds proposals whose current route names the organisation or that a decision was recorded for;
 * `scope` is hierarchical; `from`/`to` bound the date tabled (inclusive).
 */
export async function listProposals(reader: ReadModelReader, query: ListProposalsQuery = {}): Promise<Page<ProposalListItem>> {
  const limit = pageLimit(query.limit);
  const status = oneOf(textFilter(query.status) ?? undefined, PROPOSAL_STATUSES, 'status');
  const scope = textFilter(query.scope);
  if (scope !== null && !isScope(scope)) throw new InvalidFilterError('scope', `${JSON.stringify(scope)} is not a scope.`);
  const from = instantFilter(query.from, 'from');
  const to = instantFilter(query.to, 'to');
  const conditions = new ListConditions()
    .whenGiven(status, 'text', (status) => `status = ${status}`)
    .whenGiven(textFilter(query.organisationId), 'text', (organisationId) => `organisation_ids @> ARRAY[${organisationId}]`)
    .whenGiven(scope, 'text', (scope) => `EXISTS (SELECT 1 FROM unnest(scopes) AS s(scope) WHERE s.scope = ${scope} OR starts_with(s.scope, ${scope} || '/'))`)
    .whenGiven(from, 'timestamptz', (instant) => `tabled_on >= ${instant}`)
    .whenGiven(to, 'timestamptz', (instant) => `tabled_on <= ${instant}`)
    .whenKey(logCursor(query.cursor), LOG_KEY, (key) => `(tabled_on, tabled_transaction, tabled_sequence) < (${key})`);
  const rows = await reader.query<ProposalListRow>(
    `SELECT ${PROPOSAL_COLUMNS}, tabled_on, withdrawn_on
     FROM proposals
     ${conditions.where}
     ORDER BY tabled_on DESC, proposals.tabled_transaction DESC, proposals.tabled_sequence DESC -- the numbers, not the text columns of the same names
     LIMIT ${conditions.parameter(limit + 1, 'integer')}`,
    conditions.values,
  );
  return toPage(rows, limit, (row) => [isoInstant(row.tabled_on), row.tabled_transaction, row.tabled_sequence], listItem);
}

/**
 * `GET /v1/proposals/{id}`, or null when no such proposal was tabled: the current version, its
 * route with the decision that stands for each step (`stepDecisions`), every version, and every
 * ratification of every version, each judged at `now` (`pendingCallIn`, `status`).
 */
export async function proposalById(reader: ReadModelReader, proposalId: string, options: { now: string }): Promise<ProposalView | null> {
  const now = nowOf(options.now);
  // One statement, so the proposal and its ratifications come from one snapshot.
  const rows = await reader.query<ProposalRow & { r: RatificationRow | null }>(
    `SELECT ${qualified(PROPOSAL_COLUMNS, 'p')},
            CASE WHEN r.ratification_id IS NULL THEN NULL ELSE json_build_object(
              'proposal_id', r.proposal_id, 'ratification_id', r.ratification_id, 'statement', r.statement, 'authority', r.authority,
              'rescission', r.rescission, 'set_aside', r.set_aside, 'call_ins', r.call_ins, 'log_transaction', r.log_transaction::text,
              'log_sequence', r.log_sequence::text, 'position', r.position, 'recorded_at', ${instantText('r.recorded_at')}) END AS r
     FROM proposals p LEFT JOIN ratifications r ON r.proposal_id = p.proposal_id
     WHERE p.proposal_id = $1
     ORDER BY r.log_transaction, r.log_sequence`,
    [proposalId],
  );
  if (rows.length === 0) return null;
  const ratificationRows = rows.flatMap((row) => (row.r === null ? [] : [typeof row.r === 'string' ? (JSON.parse(row.r) as RatificationRow) : row.r]));
  const records = ratificationRows.map((row) =>
    decisionRecordOf(JSON.parse(row.statement) as RatificationStatement, { rescission: parseJson(row.rescission), setAside: parseJson(row.set_aside), callIns: JSON.parse(row.call_ins) }),
  );
  const proposal = proposalRecordOf(rows[0], records);
  const current = currentProposalVersion(proposal);
  const steps = stepDecisions(proposal);
  const counting = new Set(steps.flatMap(({ decision }) => (decision ? [decision.ratificationId] : [])));
  const exemptParagraph = proposal.exempt?.paragraph ?? null;
  const views = ratificationRows.map((row) =>
    ratificationView(row, { proposalTitle: current.title, exemptParagraph, counts: (record) => counting.has(record.ratificationId), now }),
  );
  const viewOf = (ratificationId: string) => views.find((view) => view.id === ratificationId) ?? null;
  const forumOrganisations = await organisationsOfForums(reader, steps.flatMap(({ step }) => (step.organisationId === null && step.bodyId !== null ? [step.bodyId] : [])));
  return {
    id: proposal.proposalId,
    version: current.version,
    status: proposal.status as ProposalStatus,
    title: current.title,
    summary: current.summary,
    scopes: current.scopes,
    valuePence: current.valuePence,
    keyDecision: proposal.keyDecision,
    exempt: proposal.exempt,
    proposedById: proposal.proposedById,
    tabledOn: proposal.versions[0].madeOn,
    withdrawal: proposal.withdrawal,
    implementableFrom: proposalImplementableFrom(proposal),
    route: steps.map(({ step, decision }, stepIndex) => ({
      stepIndex,
      // A forum's step names only its body: the organisation it belongs to, when it belongs to one.
      organisationId: step.organisationId ?? (step.bodyId === null ? null : (forumOrganisations.get(step.bodyId) ?? null)),
      bodyId: step.bodyId,
      requirement: step.requirement,
      // The share of the proposal an approve step decides, when not the whole.
      scopes: step.scopes ?? null,
      valuePence: step.valuePence ?? null,
      decision: decision ? viewOf(decision.ratificationId) : null,
    })),
    versions: proposal.versions.map(
      (version): ProposalVersionView => ({
        version: version.version,
        madeOn: version.madeOn,
        amendmentReason: version.amendmentReason,
        title: version.title,
        summary: version.summary,
        scopes: version.scopes,
        valuePence: version.valuePence,
        route: version.route,
      }),
    ),
    ratifications: views,
    position: rows[0].last_position,
  };
}

/** The organisation each of these bodies belongs to (joint forums belong to none). */
async function organisationsOfForums(reader: ReadModelReader, bodyIds: string[]): Promise<Map<string, string>> {
  if (bodyIds.length === 0) return new Map();
  const rows = await reader.query<{ body_id: string; organisation_id: string }>(
    'SELECT body_id, organisation_id FROM bodies WHERE body_id = ANY($1::text[]) AND organisation_id IS NOT NULL',
    [bodyIds],
  );
  return new Map(rows.map((row) => [row.body_id, row.organisation_id]));
}
