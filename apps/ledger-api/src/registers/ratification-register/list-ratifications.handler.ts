import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  AuthorityQueries,
  listRatifications,
  MAX_LIMIT,
  pageLimit,
  redactExempt,
  withAuthorityNow,
  type ListRatificationsQuery,
  type Page,
  type RatificationView,
  type WithAuthorityNow,
} from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { ListRatificationRegister } from './list-ratifications.query.js';
import type { AuthorityFilter } from './ratifications.query-params.js';

type Judged = WithAuthorityNow<RatificationView>;

interface Match {
  item: Judged;
  /** The cursor of the page of the underlying list it was found on, and its index there. */
  pageCursor: string | undefined;
  index: number;
}

/** Who approved what, each decision saying whether its authority still holds on what the ledger knows now. */
@QueryHandler(ListRatificationRegister)
export class ListRatificationRegisterHandler implements IQueryHandler<ListRatificationRegister> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly authorityQueries: AuthorityQueries,
  ) {}

  async execute({ filter, authority, seesExemptDetail }: ListRatificationRegister): Promise<Page<Judged>> {
    const page = authority === undefined ? await this.all(filter) : await this.judged(filter, authority);
    return seesExemptDetail ? page : redactExempt(page);
  }

  private async all(filter: Omit<ListRatificationsQuery, 'authority'>): Promise<Page<Judged>> {
    const page = await listRatifications(this.readModels, filter);
    return { ...page, items: await withAuthorityNow(page.items, this.authorityQueries) };
  }

  /**
   * `authority=lapsed|holds`, which the read model leaves to the authority checks: walks the
   * ratifications matching the other filters, newest first, a page at a time, asks each recorded
   * authority question again (`AuthorityQueries.authorityNow`, folded from the event streams) and
   * keeps those whose authority no longer holds (lapsed) or still holds (holds), until one more
   * than a page is found. Decisions without a recorded basis (`endorse` and `note` steps) had no
   * authority to lapse and are never listed.
   *
   * The next cursor is one the read model gave out — that of a page of the underlying list ending
   * at the last item shown — so every cursor stays a plain ratifications cursor.
   */
  private async judged(filter: Omit<ListRatificationsQuery, 'authority'>, wanted: AuthorityFilter): Promise<Page<Judged>> {
    const limit = pageLimit(filter.limit);
    const matches: Match[] = [];
    let pageCursor = filter.cursor ?? undefined;
    scan: for (;;) {
      const page = await listRatifications(this.readModels, { ...filter, limit: MAX_LIMIT, cursor: pageCursor });
      const judged = await withAuthorityNow(page.items, this.authorityQueries);
      for (const [index, item] of judged.entries()) {
        if (item.authorityNow === null || item.authorityNow.holds !== (wanted === 'holds')) continue;
        matches.push({ item, pageCursor, index });
        if (matches.length > limit) break scan;
      }
      if (page.nextCursor === null) break;
      pageCursor = page.nextCursor;
    }
    if (matches.length <= limit) return { items: matches.map((match) => match.item), nextCursor: null };
    const last = matches[limit - 1];
    const upToLast = await listRatifications(this.readModels, { ...filter, limit: last.index + 1, cursor: last.pageCursor });
    return { items: matches.slice(0, limit).map((match) => match.item), nextCursor: upToLast.nextCursor };
  }
}
