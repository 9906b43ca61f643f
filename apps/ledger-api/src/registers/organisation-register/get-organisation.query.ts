import { Query } from '@nestjs/cqrs';
import type { OrganisationView } from '@ledger/read-models';

export class GetOrganisation extends Query<OrganisationView> {
  constructor(readonly id: string) {
    super();
  }
}
