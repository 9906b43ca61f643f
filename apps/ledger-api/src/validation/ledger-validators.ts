import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, ValidateBy, type ValidationOptions } from 'class-validator';
import validator from 'validator';
import { apparentEntropyBits } from '@ledger/api-keys';
import { isInstantText, isScope, isSlug, SCOPE_PATTERN, SLUG_PATTERN } from '@ledger/governance';

/** A client-chosen id: `^[a-z0-9][a-z0-9-]{1,63}$`, e.g. `wokingham-borough-council`. */
export const IsSlug = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isSlug', validator: { validate: isSlug, defaultMessage: (args) => `${args?.property} must match ${SLUG_PATTERN}` } }, options);

/** A function code such as `community-services/children`. */
export const IsScope = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isScope', validator: { validate: isScope, defaultMessage: (args) => `${args?.property} must be scopes matching ${SCOPE_PATTERN}` } }, options);

/** An ISO 8601 instant with an offset, or a date alone (00:00 Europe/London). */
export const IsLedgerDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLedgerDate',
      validator: {
        validate: isInstantText,
        defaultMessage: (args) => `${args?.property} must be a date (2018-02-08) or an ISO 8601 instant with an offset (2018-02-08T14:00:00+00:00)`,
      },
    },
    options,
  );

/**
 * An instant in a query string, as the API answers it (`at=2017-05-16T00:00:00+01:00`): a `+` left
 * unencoded arrives as a space (form encoding), so a space before the offset is read as the `+`.
 */
export const IsLedgerDateInQuery = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2') : value)),
    IsLedgerDate(),
  );

/** Money: a whole number of pence, not negative. */
export const IsPence = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPence',
      validator: {
        validate: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
        defaultMessage: (args) => `${args?.property} must be a whole number of pence, 0 or more`,
      },
    },
    options,
  );

/** A non-empty list of distinct scopes (a proposal's, a delegation's). */
export const IsScopeList = () => applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(100), ArrayUnique(), IsScope({ each: true }));

/** The fewest bits of randomness a secret must show (`openssl rand -hex 16` shows about 110, a repeated word under 90). */
const LEAST_APPARENT_BITS = 100;

/** A secret that looks random: see `apparentEntropyBits`. */
export const LooksRandom = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'looksRandom',
      validator: {
        validate: (value) => typeof value === 'string' && apparentEntropyBits(value) >= LEAST_APPARENT_BITS,
        defaultMessage: (args) => `${args?.property} must look random`,
      },
    },
    options,
  );

/** An IP address or a range of them in CIDR form: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8` (validator.js, which class-validator checks with). */
export const IsAddressOrRange = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAddressOrRange',
      validator: {
        validate: (value) => typeof value === 'string' && (validator.isIP(value) || validator.isIPRange(value)),
        defaultMessage: (args) => `${args?.property} must be IP addresses or CIDR ranges`,
      },
    },
    options,
  );
