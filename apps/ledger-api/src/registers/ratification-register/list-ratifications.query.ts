import { Query } from '@nestjs/cqrs';
import type { ListRatificationsQuery, Page, RatificationView, WithAuthorityNow } from '@ledger/read-models';
import type { AuthorityFilter } from './ratifications.query-params.js';

/** Who approved what, each saying whether its authority still holds; `authority` keeps those whose authority has lapsed (or still holds). */
export class ListRatificationRegister extends Query<Page<WithAuthorityNow<RatificationView>>> {
  constructor(
    readonly filter: Omit<ListRatificationsQuery, 'authority'>,
    readonly authority: AuthorityFilter | undefined,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}
