import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../api-keys/api-key.guard.js';
import { ANONYMOUS, seesExemptDetail, type Principal } from '../api-keys/principal.js';

/** Who is reading a page, and whether they may see exempt detail (as the JSON API decides it for the same key). */
export interface Reader {
  principal: Principal;
  seesExemptDetail: boolean;
}

export const PageReader = createParamDecorator((_: unknown, context: ExecutionContext): Reader => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal ?? ANONYMOUS;
  return { principal, seesExemptDetail: seesExemptDetail(principal) };
});
