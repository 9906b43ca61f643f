import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AuthorityAnswer } from '@ledger/governance';
import { AuthorityQueries } from '@ledger/read-models';
import { CheckAuthority } from './check-authority.query.js';

@QueryHandler(CheckAuthority)
export class CheckAuthorityHandler implements IQueryHandler<CheckAuthority> {
  constructor(private readonly authority: AuthorityQueries) {}

  async execute({ question }: CheckAuthority): Promise<AuthorityAnswer> {
    const { allowed, chains, reasons } = await this.authority.check(question);
    return { allowed, chains, reasons };
  }
}
