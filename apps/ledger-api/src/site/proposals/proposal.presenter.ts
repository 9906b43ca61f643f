import type { HistoryEntry, ProposalView, RatificationView, RouteStepView } from '@ledger/read-models';
import { decisionHref, nameOf, type Names } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { counted, londonDay, londonDayAndTime, pounds, shown, words } from '../plain-english.js';
import { outcomeTag, statusTag, type Tag } from '../tags.js';

export interface RouteStepLine {
  /** "NHS Wokingham CCG to approve", "Berkshire West ACS Leadership Group to endorse". */
  heading: string;
  /** The forum or post that decides the step, when the route names one. */
  forum: Link | null;
  /** What an approve step covers when it is not the whole proposal: "community services, mental health; up to £500,000". */
  covers: string | null;
  tag: Tag;
  decision: { link: Link; by: string } | null;
}

export interface VersionLine {
  heading: string;
  madeOn: string;
  reason: string | null;
  /** Decisions on this version; on an earlier version none counts any more. */
  decisions: { link: Link; outcome: Tag; by: string; counts: boolean; note: string | null }[];
}

export interface ProposalContent {
  title: string;
  status: Tag;
  /** The status in one plain sentence. */
  statusSentence: string;
  summary: string | null;
  facts: { key: { text: string }; value: { text: string } }[];
  route: RouteStepLine[];
  versions: VersionLine[];
  history: { when: string; text: string }[];
}

function stepHeading(step: Pick<RouteStepView, 'organisationId' | 'bodyId' | 'requirement'>, names: Names): string {
  const who = step.requirement === 'approve' && step.organisationId ? nameOf(names, step.organisationId) : nameOf(names, step.bodyId ?? step.organisationId ?? '');
  return `${who} to ${step.requirement}`;
}

function covers(step: RouteStepView): string | null {
  const parts = [...(step.scopes ? [step.scopes.map(words).join(', ')] : []), ...(step.valuePence !== null ? [`up to ${pounds(step.valuePence)}`] : [])];
  return parts.length === 0 ? null : parts.join('; ');
}

const decidedBy = (decision: RatificationView, names: Names): string => [nameOf(names, decision.deciderId), decision.decidedByPerson].filter(Boolean).join(', ');

function routeStep(step: RouteStepView, names: Names): RouteStepLine {
  const forumId = step.bodyId;
  return {
    heading: stepHeading(step, names),
    forum: forumId && (step.requirement === 'approve' && step.organisationId) ? { text: nameOf(names, forumId), href: `/bodies/${segment(forumId)}` } : null,
    covers: step.requirement === 'approve' ? covers(step) : null,
    tag: step.decision ? outcomeTag(step.decision.outcome) : { text: 'Waiting', classes: 'govuk-tag--grey' },
    decision: step.decision ? { link: { text: `Decided on ${londonDay(step.decision.decidedOn)}`, href: decisionHref(step.decision) }, by: decidedBy(step.decision, names) } : null,
  };
}

/** "Ratified on 20 December 2017 when the last of 7 steps approved." and the like. */
export function statusSentence(proposal: ProposalView, names: Names): string {
  const steps = proposal.route;
  const decided = steps.filter((step) => step.decision !== null);
  switch (proposal.status) {
    case 'ratified': {
      const last = decided.map((step) => step.decision!).reduce((latest, decision) => (decision.decidedOn > latest.decidedOn ? decision : latest));
      return `Ratified on ${londonDay(last.decidedOn)} when the last of ${counted(steps.length, 'step')} ${last.outcome === 'noted' ? 'was taken' : 'approved'}.`;
    }
    case 'rejected': {
      const rejection = decided.map((step) => step.decision!).find((decision) => decision.outcome === 'rejected');
      return rejection ? `Rejected on ${londonDay(rejection.decidedOn)} by ${nameOf(names, rejection.deciderId)}.` : 'Rejected.';
    }
    case 'withdrawn':
      return proposal.withdrawal ? `Withdrawn on ${londonDay(proposal.withdrawal.withdrawnOn)}: ${proposal.withdrawal.reason}` : 'Withdrawn.';
    default: {
      const open = steps.filter((step) => step.decision === null).map((step) => stepHeading(step, names));
      return `Open: ${decided.length} of ${counted(steps.length, 'step')} decided; waiting for ${open.join(' and ')}.`;
    }
  }
}

/** A proposal's page: its approval route step by step, its versions with their decisions, and its history in plain English. */
export function presentProposal(proposal: ProposalView, history: HistoryEntry[], names: Names): Page<ProposalContent> {
  const current = proposal.version;
  return {
    page: frame(proposal.title, { text: 'Proposals', href: '/proposals' }),
    title: proposal.title,
    status: statusTag(proposal.status),
    statusSentence: statusSentence(proposal, names),
    summary: proposal.summary === null ? null : shown(proposal.summary),
    facts: [
      { key: { text: 'Tabled' }, value: { text: londonDay(proposal.tabledOn) } },
      { key: { text: 'Proposed by' }, value: { text: nameOf(names, proposal.proposedById) } },
      { key: { text: 'Covers' }, value: { text: proposal.scopes.map(words).join(', ') } },
      { key: { text: 'Value' }, value: { text: proposal.valuePence === null ? 'No value stated' : pounds(proposal.valuePence) } },
      { key: { text: 'Key decision' }, value: { text: proposal.keyDecision ? 'Yes' : 'No' } },
      ...(proposal.exempt ? [{ key: { text: 'Exempt information' }, value: { text: `Schedule 12A, paragraph ${proposal.exempt.paragraph}: ${shown(proposal.exempt.reason)}` } }] : []),
      ...(proposal.implementableFrom ? [{ key: { text: 'Implementable from' }, value: { text: londonDay(proposal.implementableFrom) } }] : []),
      { key: { text: 'Version' }, value: { text: String(current) } },
    ],
    route: proposal.route.map((step) => routeStep(step, names)),
    versions: [...proposal.versions].reverse().map((version) => ({
      heading: version.version === current ? `Version ${version.version} (current)` : `Version ${version.version}`,
      madeOn: `${version.version === 1 ? 'Tabled' : 'Amended'} on ${londonDay(version.madeOn)}`,
      reason: version.amendmentReason,
      decisions: proposal.ratifications
        .filter((decision) => decision.version === version.version)
        .map((decision) => ({
          link: { text: `${stepHeading(proposal.route[decision.stepIndex] ?? decision, names)}: ${londonDay(decision.decidedOn)}`, href: decisionHref(decision) },
          outcome: outcomeTag(decision.outcome),
          by: decidedBy(decision, names),
          counts: decision.counts,
          note: decision.version !== current ? 'On an earlier version: it does not count for the current one.' : decision.rescinded ? 'Rescinded.' : decision.setAside ? 'Set aside on call-in.' : !decision.counts ? 'Superseded by a later decision on the same step.' : null,
        })),
    })),
    history: history.map((entry) => ({ when: londonDayAndTime(entry.recordedAt), text: shown(entry.summary) })),
  };
}

/** Every id the page shows a name for. */
export const proposalNameIds = (proposal: ProposalView): string[] => [
  proposal.proposedById,
  ...proposal.route.flatMap((step) => [step.organisationId, step.bodyId].filter((id): id is string => id !== null)),
  ...proposal.ratifications.map((decision) => decision.deciderId),
];

