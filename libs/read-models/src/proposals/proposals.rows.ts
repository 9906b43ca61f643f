import type { AuthorityBasis, ExemptInformation, Instant, ProposalStatus, RatificationRecorded } from '@ledger/governance';
import type { DecisionRecord, DecisionWritten, ProposalRecord } from './proposal-record.js';
import type { CallInView, ProposalVersionView } from './proposals.views.js';

/** The statutory record as RatificationRecorded carried it, without the authority basis. */
export type RatificationStatement = Omit<RatificationRecorded['data'], 'authority'>;

/** What became of a ratification since it was recorded. */
export interface RatificationStanding {
  rescission: { rescindedOn: Instant; reason: string } | null;
  setAside: { callInId: string; resolvedOn: Instant } | null;
  callIns: CallInView[];
}

/** A `proposals` row as the projection and the queries read it (JSON columns still text). */
export interface ProposalRow {
  proposal_id: string;
  version: number;
  status: string;
  key_decision: boolean;
  exempt: string | null;
  proposed_by_id: string;
  withdrawal: string | null;
  versions: string;
  organisation_ids: string[];
  tabled_transaction: string;
  tabled_sequence: string;
  tabled_position: string;
  last_position: string;
  updated_at: Date | string;
}

/** A `ratifications` row (JSON columns still text; bigints read as text). */
export interface RatificationRow {
  proposal_id: string;
  ratification_id: string;
  statement: string;
  authority: string | null;
  rescission: string | null;
  set_aside: string | null;
  call_ins: string;
  log_transaction: string;
  log_sequence: string;
  position: string;
  recorded_at: Date | string;
}

export const PROPOSAL_COLUMNS =
  'proposal_id, version, status, key_decision, exempt, proposed_by_id, withdrawal, versions, organisation_ids, tabled_transaction::text AS tabled_transaction, tabled_sequence::text AS tabled_sequence, tabled_position, last_position, updated_at';

/** A `ratifications` row's columns, each taken from `alias`: what `RatificationRow` holds. */
export const ratificationColumns = (alias: string): string =>
  `${alias}.proposal_id, ${alias}.ratification_id, ${alias}.statement, ${alias}.authority, ${alias}.rescission, ${alias}.set_aside, ${alias}.call_ins, ` +
  `${alias}.log_transaction::text AS log_transaction, ${alias}.log_sequence::text AS log_sequence, ${alias}.position, ${instantText(`${alias}.recorded_at`)} AS recorded_at`;

/**
 * A timestamptz column as the text of the instant as the ledger writes it (`Date.toISOString()`:
 * `2019-02-26T18:00:00.000Z`), made by PostgreSQL, so that a list of many rows is not turned into
 * dates and back again by the API, which answers every request on one thread.
 */
export const instantText = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An instant exactly as the ledger writes it. */
const LEDGER_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A timestamptz as either driver answers it, or as `instantText` reads it, as the ledger writes instants. */
export function isoInstant(value: Date | string): Instant {
  if (typeof value === 'string' && LEDGER_INSTANT.test(value)) return value;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function decisionRecordOf(statement: RatificationStatement, standing: RatificationStanding): DecisionRecord {
  return { ...statement, ...standing };
}

/** What the projection folds a decision already written from (`DecisionWritten`): not its statement. */
export const DECISION_WRITTEN_COLUMNS = 'proposal_id, ratification_id, organisation_id, rescission, set_aside, call_ins';

/** The columns `DECISION_WRITTEN_COLUMNS` names (JSON columns still text). */
export type DecisionWrittenRow = Pick<RatificationRow, 'proposal_id' | 'ratification_id' | 'rescission' | 'set_aside' | 'call_ins'> & { organisation_id: string | null };

export function decisionWrittenOfRow(row: DecisionWrittenRow): DecisionWritten {
  return {
    ratificationId: row.ratification_id,
    organisationId: row.organisation_id,
    rescission: parseJson(row.rescission),
    setAside: parseJson(row.set_aside),
    callIns: JSON.parse(row.call_ins) as CallInView[],
  };
}

/** The read model's record of a proposal from its rows, with its decisions as given, in the order recorded. */
export function proposalRecordOf<Decision extends DecisionRecord | DecisionWritten>(row: ProposalRow, decisions: readonly Decision[]): Omit<ProposalRecord, 'ratifications'> & { ratifications: Decision[] } {
  const versions = JSON.parse(row.versions) as ProposalVersionView[];
  return {
    status: row.status as ProposalStatus,
    proposalId: row.proposal_id,
    keyDecision: row.key_decision,
    exempt: parseJson<ExemptInformation>(row.exempt),
    proposedById: row.proposed_by_id,
    versions,
    withdrawal: parseJson(row.withdrawal),
    ratifications: [...decisions],
  };
}

export const authorityOf = (row: RatificationRow): AuthorityBasis | null => parseJson<AuthorityBasis>(row.authority);
