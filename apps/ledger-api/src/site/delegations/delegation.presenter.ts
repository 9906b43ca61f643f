import type { DelegationDetail } from '@ledger/read-models';
import { nameOf, type Names } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { londonDay, londonDayAndTime } from '../plain-english.js';
import { changeInWords, termsInWords } from './delegation-terms.js';

export interface DelegationContent {
  heading: string;
  facts: { key: { text: string }; value: { text: string } }[];
  instrument: { text: string; href: string | null };
  authorisedBy: Link | null;
  /** Every recorded change, oldest first, on both time axes. */
  timeline: { what: string; effective: string; recorded: string; reason: string | null; termsAfter: string }[];
}

const EVENT_WORDS = {
  DelegationGranted: 'Granted',
  DelegationVaried: 'Varied',
  DelegationSuspended: 'Suspended',
  DelegationReinstated: 'Reinstated',
  DelegationRevoked: 'Revoked',
} as const;

/** A delegation's own page: its terms as they stand, its instrument, and its timeline (granted, varied, suspended, reinstated, revoked, transferred). */
export function presentDelegation(delegation: DelegationDetail, names: Names): Page<DelegationContent> {
  const organisationHref = `/organisations/${segment(delegation.organisationId)}`;
  const standing = delegation.standing;
  const dissolution = delegation.organisationDissolution;
  const timeline = delegation.history.map((entry) => ({
    what: entry.type === 'DelegationVaried' ? `Varied: ${entry.changes.map(changeInWords).join(', ')}` : EVENT_WORDS[entry.type],
    effective: `With effect from ${londonDay(entry.effectiveFrom)}`,
    recorded: `Recorded ${londonDayAndTime(entry.recordedAt)}`,
    reason: entry.reason,
    termsAfter: entry.now.status === 'revoked' ? 'No longer in force' : `${entry.now.status === 'suspended' ? 'Suspended: ' : ''}${termsInWords(entry.now)}`,
  }));
  if (dissolution) {
    timeline.push({
      what: dissolution.effect === 'transferred' ? `Transferred to ${nameOf(names, dissolution.successorId ?? '')}` : 'Lapsed',
      effective: `With effect from ${londonDay(dissolution.dissolvedOn)}`,
      recorded: `When ${nameOf(names, delegation.organisationId)} was dissolved`,
      reason: null,
      termsAfter: dissolution.effect === 'transferred' ? termsInWords(delegation) : 'No longer in force',
    });
  }
  return {
    page: frame(`Delegation ${delegation.delegationId}`, { text: nameOf(names, delegation.organisationId), href: organisationHref }, { text: 'Scheme of delegation', href: `${organisationHref}/delegations` }),
    heading: `${nameOf(names, delegation.fromId)} to ${nameOf(names, delegation.toId)}`,
    facts: [
      { key: { text: 'Delegation' }, value: { text: delegation.delegationId } },
      { key: { text: 'Organisation' }, value: { text: nameOf(names, delegation.organisationId) } },
      { key: { text: 'From' }, value: { text: nameOf(names, delegation.fromId) } },
      { key: { text: 'To' }, value: { text: nameOf(names, delegation.toId) } },
      { key: { text: 'Terms' }, value: { text: termsInWords(delegation) } },
      { key: { text: 'In force from' }, value: { text: londonDay(delegation.effectiveFrom) } },
      {
        key: { text: 'Standing' },
        value: { text: standing.status === 'active' ? 'In force' : `${standing.status === 'revoked' ? 'Revoked' : 'Suspended'}${standing.from ? ` from ${londonDay(standing.from)}` : ''}${standing.reason ? `: ${standing.reason}` : ''}` },
      },
    ],
    instrument: { text: [delegation.instrument.title, delegation.instrument.reference].filter(Boolean).join(', '), href: delegation.instrument.url },
    authorisedBy: delegation.authorisedByProposalId ? { text: 'The proposal that authorised it', href: `/proposals/${segment(delegation.authorisedByProposalId)}` } : null,
    timeline,
  };
}

export const delegationNameIds = (delegation: DelegationDetail): string[] => [delegation.organisationId, delegation.fromId, delegation.toId, ...(delegation.organisationDissolution?.successorId ? [delegation.organisationDissolution.successorId] : [])];
