import { Param, type PipeTransform } from '@nestjs/common';
import { isSlug, NotFoundError } from '@ledger/governance';

/** An id in the path that cannot be a slug names nothing: 404, as for any unknown id. */
class SlugPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isSlug(value)) throw new NotFoundError(this.what, value);
    return value;
  }
}

export const SlugParam = (name: string, what = 'record') => Param(name, new SlugPipe(what));
