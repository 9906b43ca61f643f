import { PROPOSAL_STATUSES } from '@ledger/governance';
import type { Page as ListPage, ProposalListItem } from '@ledger/read-models';
import { frame, keptFilters, options, queryOf, segment, type Link, type Option, type Page } from '../page.js';
import { londonDay, pounds, sentenceCase } from '../plain-english.js';
import { statusTag, type Tag } from '../tags.js';

export interface ProposalRegisterFilters {
  status?: string;
  organisationId?: string;
  scope?: string;
  from?: string;
  to?: string;
}

export interface ProposalRegisterContent {
  filters: Required<ProposalRegisterFilters>;
  statuses: Option[];
  proposals: { proposal: Link; status: Tag; tabledOn: string; value: string; exempt: string | null }[];
  next: string | null;
}

/** The register of proposals, newest tabled first, with the API's filters. */
export function presentProposalRegister(filters: ProposalRegisterFilters, page: ListPage<ProposalListItem>): Page<ProposalRegisterContent> {
  const kept = keptFilters({ ...filters });
  return {
    page: frame('Proposals', { text: 'Proposals', href: '/proposals' }),
    filters: { status: '', organisationId: '', scope: '', from: '', to: '', ...kept },
    statuses: options(PROPOSAL_STATUSES, filters.status, sentenceCase),
    proposals: page.items.map((proposal) => ({
      proposal: { text: proposal.title, href: `/proposals/${segment(proposal.id)}` },
      status: statusTag(proposal.status),
      tabledOn: londonDay(proposal.tabledOn),
      value: proposal.valuePence === null ? '' : pounds(proposal.valuePence),
      exempt: proposal.exempt ? `Exempt: Schedule 12A, paragraph ${proposal.exempt.paragraph}` : null,
    })),
    next: page.nextCursor ? `/proposals${queryOf({ ...kept, cursor: page.nextCursor })}` : null,
  };
}
