import { organisationDecider, organisationStreamId, type OrganisationFact } from '@ledger/governance';
import { StreamDecisions } from './stream-decisions.js';

/** What deciders of other streams need to know about organisations, read from their streams. */
export class OrganisationFacts {
  constructor(private readonly streams: StreamDecisions) {}

  async of(organisationId: string): Promise<OrganisationFact> {
    const { state } = await this.streams.load(organisationStreamId(organisationId), organisationDecider);
    if (state.status === 'unregistered') return { organisationId, registered: false };
    return { organisationId, registered: true, establishedOn: state.establishedOn, dissolvedOn: state.dissolution?.dissolvedOn };
  }

  /** Facts about each distinct id named (absent ids left out). */
  async ofEach(organisationIds: readonly (string | null | undefined)[]): Promise<OrganisationFact[]> {
    const distinct = [...new Set(organisationIds.filter((id): id is string => typeof id === 'string'))];
    return Promise.all(distinct.map((id) => this.of(id)));
  }
}
