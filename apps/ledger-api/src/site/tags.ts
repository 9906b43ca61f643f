import type { ProposalStatus, RatificationOutcome } from '@ledger/governance';
import type { RatificationStanding } from '@ledger/read-models';
import { sentenceCase } from './plain-english.js';

/** A GOV.UK tag: its words and colour class. */
export interface Tag {
  text: string;
  classes: string;
}

const OUTCOME_COLOURS: Record<RatificationOutcome, string> = {
  approved: 'govuk-tag--green',
  'approved-with-conditions': 'govuk-tag--turquoise',
  rejected: 'govuk-tag--red',
  deferred: 'govuk-tag--yellow',
  noted: 'govuk-tag--grey',
};

const STATUS_COLOURS: Record<ProposalStatus, string> = {
  open: 'govuk-tag--blue',
  ratified: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

const STANDING_COLOURS: Record<RatificationStanding, string> = {
  stands: 'govuk-tag--green',
  'pending-call-in': 'govuk-tag--yellow',
  rescinded: 'govuk-tag--red',
  'set-aside': 'govuk-tag--red',
};

export const outcomeTag = (outcome: RatificationOutcome): Tag => ({ text: sentenceCase(outcome), classes: OUTCOME_COLOURS[outcome] });
export const statusTag = (status: ProposalStatus): Tag => ({ text: sentenceCase(status), classes: STATUS_COLOURS[status] });
export const standingTag = (standing: RatificationStanding): Tag => ({ text: standing === 'pending-call-in' ? 'Open to call-in' : sentenceCase(standing), classes: STANDING_COLOURS[standing] });
