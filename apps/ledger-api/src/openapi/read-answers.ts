/**
 * What each read answers, by name: the OpenAPI document's 200 schemas are generated from these
 * types (`npm run openapi:schemas` → read-answer-schemas.json), so the document says what the
 * code returns, and a test fails when the two part.
 */
import type { StoredEvent } from '@ledger/event-store';
import type { AuthorityAnswer, HolderAuthority } from '@ledger/governance';
import type {
  AuditEntry,
  BodySummaryView,
  BodyView,
  DelegationDetail,
  DelegationView,
  HistoryEntry,
  KeptReplay,
  OrganisationSummaryView,
  OrganisationView,
  Page,
  PostView,
  ProposalListItem,
  ProposalView,
  RatificationView,
  SearchResults,
  WithAuthorityNow,
} from '@ledger/read-models';

export type OrganisationList = Page<OrganisationSummaryView>;
export type OrganisationAnswer = OrganisationView;
export type BodyList = Page<BodySummaryView>;
export type BodyAnswer = BodyView;
export type BodyDecisionList = Page<RatificationView>;
export type PostAnswer = PostView;
export type DelegationList = Page<DelegationView>;
export type DelegationAnswer = DelegationDetail;
export type ProposalList = Page<ProposalListItem>;
export type ProposalDetail = ProposalView;
export type ProposalHistory = Page<HistoryEntry>;
export type RatificationList = Page<WithAuthorityNow<RatificationView>>;
export type AuthorityCheckAnswer = AuthorityAnswer;
export type HolderAuthorityAnswer = HolderAuthority;
export type SearchAnswer = SearchResults;
export type AuditTrail = Page<AuditEntry>;

/** The raw log: events exactly as stored and hashed. */
export interface RawLogPage extends Page<StoredEvent> {
  /** The last position of the page, to pass as fromPosition; null for an empty page. */
  nextPosition: string | null;
}

/** The latest signed checkpoint (C2SP tlog-checkpoint, Ed25519). */
export interface CheckpointAnswer {
  treeSize: number;
  /** Hex. */
  rootHash: string;
  issuedAt: string;
  signature: string;
  /** Base64 of the Ed25519 public key. */
  publicKey: string;
  origin: string;
  /** The signed note, as `ledger verify --checkpoint` takes it. */
  note: string;
  verifierKey: string;
}

/** RFC 9162 inclusion proof. */
export interface InclusionProofAnswer {
  position: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  /** The leaf's bytes as hashed (base64). */
  leafBytes: string;
  rootHash: string;
  proof: string[];
}

/** RFC 9162 consistency proof. */
export interface ConsistencyProofAnswer {
  fromSize: number;
  toSize: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/** A replay kept, with how to read from it. */
export interface ReplayAnswer extends KeptReplay {
  readWith: { header: string; value: string } | null;
}

/** A replay just built, and how long it took. */
export interface BuiltReplayAnswer extends ReplayAnswer {
  seconds: number;
}

export interface ReplayList {
  items: ReplayAnswer[];
}
