import { InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import type { Instant } from '../shared/ledger-time.js';
import { londonDate } from '../shared/ledger-time.js';

/**
 * An organisation as its own stream shows it, loaded by the handler for a rule of another stream
 * (the same shape as `DissolveOrganisation.successor`). Deciders never read other streams: they
 * judge these facts.
 *
 * Bodies, posts and organisations use it.
 */
export interface OrganisationFact {
  organisationId: string;
  registered: boolean;
  establishedOn?: Instant;
  dissolvedOn?: Instant;
}

/** The fact the handler loaded about `organisationId`. Its absence is a handler's bug, not a user's error. */
export function organisationFact(facts: readonly OrganisationFact[], organisationId: string): OrganisationFact {
  const fact = facts.find((candidate) => candidate.organisationId === organisationId);
  if (!fact) throw new Error(`The command carries no fact about organisation ${organisationId}; its handler must load it.`);
  return fact;
}

/** Refuses unless the organisation is registered and exists on `on`: established by then, not yet dissolved. */
export function assertOrganisationExistsOn(fact: OrganisationFact, on: Instant): void {
  if (!fact.registered) throw new NotFoundError('organisation', fact.organisationId);
  if (fact.establishedOn !== undefined && on < fact.establishedOn) {
    throw new InvalidTransitionError(`Organisation ${fact.organisationId} was not established until ${londonDate(fact.establishedOn)}.`);
  }
  if (fact.dissolvedOn !== undefined && fact.dissolvedOn <= on) {
    throw new InvalidTransitionError(`Organisation ${fact.organisationId} was dissolved on ${londonDate(fact.dissolvedOn)}.`);
  }
}
