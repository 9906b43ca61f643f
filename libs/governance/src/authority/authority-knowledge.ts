import type { AuthoritySources } from './delegation-chains.js';

/** What authority over an organisation is judged on, with the stream versions it was read at (kept in a decision's basis). */
export interface AuthorityFactsRead {
  sources: AuthoritySources;
  readAt: { streamId: string; version: number }[];
}

/**
 * What the ledger knows of authority, handed to a decision as a domain service: the decision
 * works out its own authority question and asks it of the organisation it names. The command's
 * handler gathers the facts (from the event streams) before deciding; asking is pure.
 */
export interface AuthorityKnowledge {
  /** Authority over the organisation as the ledger knows it now; throws for an organisation the handler gathered nothing about. */
  of(organisationId: string): AuthorityFactsRead;
}
