import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { HolderAuthority } from '@ledger/governance';
import { AuthorityQueries } from '@ledger/read-models';
import { GetHolderAuthority } from './get-holder-authority.query.js';

@QueryHandler(GetHolderAuthority)
export class GetHolderAuthorityHandler implements IQueryHandler<GetHolderAuthority> {
  constructor(private readonly authority: AuthorityQueries) {}

  execute({ question }: GetHolderAuthority): Promise<HolderAuthority> {
    return this.authority.ofHolder(question);
  }
}
