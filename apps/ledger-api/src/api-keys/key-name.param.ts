import { Param, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@ledger/governance';

/** What a key's name may be: letters, digits and "._-", starting with a letter or digit, at most 100 characters. */
export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A name in the path that no key could have names none: 404. */
class KeyNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!KEY_NAME.test(value)) throw new NotFoundError('API key named', value);
    return value;
  }
}

export const KeyNameParam = () => Param('name', new KeyNamePipe());
