import type { Instrument } from '@ledger/governance';
import type { ProposalView, RatificationView } from '@ledger/read-models';
import { frame, segment, type Link, type Page } from '../page.js';
import { londonDay, londonDayAndTime, pounds, shown, words } from '../plain-english.js';
import { outcomeTag, standingTag, type Tag } from '../tags.js';
import { chainDelegationIds, chainNameIds, presentChain, type Chain } from '../authority/authority-chain.js';
import type { DecisionProofContent } from './decision-proof.presenter.js';
import { nameOf, type Names } from './decision-summary.js';

type SummaryRow = { key: { text: string }; value: { text: string } };

export interface AuthorityContent {
  /** The question the decision answered: who, for which organisation, what, up to how much, when. */
  question: string;
  /** Each chain from the governing body down to the decider. */
  chains: Chain[];
  /** Whether that authority still holds on what the ledger knows now, in sentences. */
  now: { holds: boolean; sentences: string[] };
}

export interface DecisionContent {
  heading: string;
  caption: string;
  outcome: Tag;
  standing: Tag;
  proposal: Link;
  record: SummaryRow[];
  conflicts: { member: string; interest: string; dispensation: string }[];
  callIn: { sentences: string[]; callIns: { text: string }[] };
  authority: AuthorityContent | null;
  /** Where the decision stands in the log, for its proof. */
  position: string;
  /** Its inclusion proof and the signed checkpoint, for readers who may see proofs (auditors); null for others. */
  proof: DecisionProofContent | null;
}

function authority(decision: RatificationView, instruments: Readonly<Record<string, Instrument>>, names: Names): AuthorityContent | null {
  const basis = decision.authority;
  if (!basis) return null;
  const amount = basis.amountPence === null ? '' : ` up to ${pounds(basis.amountPence)}`;
  const now = decision.authorityNow;
  return {
    question: `Whether ${nameOf(names, basis.holderId)} could decide ${basis.scopes.map(words).join(', ')}${amount} for ${nameOf(names, basis.organisationId)} on ${londonDay(basis.at)}.`,
    chains: basis.chains.map((chain) => presentChain(chain, basis.holderId, basis.organisationId, instruments, names)),
    now:
      now === undefined || now === null
        ? { holds: true, sentences: [] }
        : now.holds
          ? { holds: true, sentences: ['On everything the ledger knows now, this authority still holds.'] }
          : {
              holds: false,
              sentences: [
                'On what the ledger knows now, this authority no longer holds.',
                ...now.reasons,
                ...(now.since ? [`The ledger learnt this on ${londonDayAndTime(now.since.recordedAt)} (${words(now.since.type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase())}, position ${now.since.position}).`] : []),
              ],
            },
  };
}

function callIn(decision: RatificationView, names: Names, now: number): DecisionContent['callIn'] {
  const sentences: string[] = [];
  if (decision.callInUntil) {
    sentences.push(Date.parse(decision.callInUntil) > now ? `Open to call-in until ${londonDay(decision.callInUntil)}.` : `The call-in period ended on ${londonDay(decision.callInUntil)}.`);
  } else {
    sentences.push('This decision is not subject to call-in.');
  }
  if (decision.implementableFrom) sentences.push(`It may be implemented from ${londonDay(decision.implementableFrom)}.`);
  else if (decision.status === 'pending-call-in') sentences.push('It may not be implemented while it is open to call-in.');
  if (decision.rescission) sentences.push(`Rescinded on ${londonDay(decision.rescission.rescindedOn)}: ${decision.rescission.reason}`);
  if (decision.setAside) sentences.push(`Set aside on ${londonDay(decision.setAside.resolvedOn)}: the call-in referred it back.`);
  return {
    sentences,
    callIns: decision.callIns.map((lodged) => ({
      text: `Called in by ${nameOf(names, lodged.scrutinyBodyId)} on ${londonDay(lodged.lodgedOn)}: ${lodged.reason}. ${
        lodged.resolution ? `Resolved on ${londonDay(lodged.resolution.resolvedOn)}: ${lodged.resolution.outcome === 'referred-back' ? 'referred back' : 'no further action'}.` : 'Not yet resolved.'
      }`,
    })),
  };
}

/** A decision's page: the statutory record, call-in, the authority relied on and whether it still holds. */
export function presentDecision(
  proposal: ProposalView,
  decision: RatificationView,
  instruments: Readonly<Record<string, Instrument>>,
  names: Names,
  proof: DecisionProofContent | null = null,
  now = Date.now(),
): Page<DecisionContent> {
  const proposalHref = `/proposals/${segment(proposal.id)}`;
  const decider = [nameOf(names, decision.deciderId), decision.decidedByPerson].filter(Boolean).join(', ');
  const optional = (key: string, value: string | null): SummaryRow[] => (value === null || value === '' ? [] : [{ key: { text: key }, value: { text: shown(value) } }]);
  return {
    page: frame(`Decision of ${londonDay(decision.decidedOn)} by ${nameOf(names, decision.deciderId)}`, { text: 'Proposals', href: '/proposals' }, { text: proposal.title, href: proposalHref }),
    heading: proposal.title,
    caption: `Decision of ${londonDay(decision.decidedOn)}`,
    outcome: outcomeTag(decision.outcome),
    standing: standingTag(decision.status),
    proposal: { text: proposal.title, href: proposalHref },
    record: [
      { key: { text: 'Decision' }, value: { text: outcomeTag(decision.outcome).text } },
      { key: { text: 'Decided on' }, value: { text: londonDay(decision.decidedOn) } },
      { key: { text: 'Decided by' }, value: { text: decider } },
      { key: { text: 'Step of the route' }, value: { text: `Step ${decision.stepIndex + 1}: to ${decision.requirement}` } },
      { key: { text: 'On version' }, value: { text: decision.version === proposal.version ? `${decision.version} (current)` : `${decision.version}: an earlier version, so it no longer counts` } },
      ...optional('Reasons', decision.reasons),
      ...optional('Alternatives considered and rejected', decision.alternativesConsidered),
      ...optional('Conditions', decision.conditions),
      ...optional('Minute reference', decision.meeting?.minuteRef ?? null),
      ...optional('Meeting papers', decision.meeting?.url ?? null),
      { key: { text: 'Recorded in the ledger' }, value: { text: londonDayAndTime(decision.recordedAt) } },
    ],
    conflicts: decision.conflictsOfInterest.map((conflict) => ({ member: shown(conflict.member), interest: shown(conflict.interest), dispensation: conflict.dispensation === null ? 'None' : shown(conflict.dispensation) })),
    callIn: callIn(decision, names, now),
    authority: authority(decision, instruments, names),
    position: decision.position,
    proof,
  };
}

/** Every id the page shows a name for. */
export const decisionNameIds = (decision: RatificationView): string[] => [
  decision.deciderId,
  ...decision.callIns.map((lodged) => lodged.scrutinyBodyId),
  ...(decision.authority ? [decision.authority.holderId, decision.authority.organisationId, ...chainNameIds(decision.authority.chains)] : []),
];

/** The delegations a decision's authority rests on. */
export const reliedOnDelegationIds = (decision: RatificationView): string[] => chainDelegationIds(decision.authority?.chains ?? []);
