import { Query } from '@nestjs/cqrs';
import type { AuthorityAnswer } from '@ledger/governance';
import type { ListRatificationsQuery, Page, RatificationView } from '@ledger/read-models';
import type { AuthorityFilter } from './ratifications.query-params.js';

/** A ratification judged again: whether its recorded authority holds on what the ledger knows now. */
export type RatificationWithAuthorityNow = RatificationView & { authorityNow: Pick<AuthorityAnswer, 'allowed' | 'reasons'> };

/** Who approved what; `authority` keeps those whose authority has lapsed (or still holds). */
export class ListRatificationRegister extends Query<Page<RatificationView | RatificationWithAuthorityNow>> {
  constructor(
    readonly filter: Omit<ListRatificationsQuery, 'authority'>,
    readonly authority: AuthorityFilter | undefined,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}
