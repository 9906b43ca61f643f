import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsIP, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { IsAddressOrRange, LooksRandom } from '../validation/ledger-validators.js';

/** The environment the ledger runs from (API.md "Running"); checked once at start-up. */
export class LedgerEnvironment {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @Transform(({ value }) => value || '0.0.0.0')
  @IsString()
  HOST!: string;

  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case PostgreSQL identifier' })
  DATABASE_SCHEMA?: string;

  /**
   * Milliseconds a PostgreSQL statement, lock wait or new connection may take before the database
   * is taken to be away: a command answers 503 with Retry-After instead of waiting; 0 no limit.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 10_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(600_000)
  DATABASE_TIMEOUT_MS!: number;

  @Transform(({ value }) => value || './data')
  @IsString()
  LEDGER_DATA_DIR!: string;

  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @Matches(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//, { message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string' })
  EVENTSTORE_CONNECTION_STRING?: string;

  /**
   * An admin key accepted from start-up, to issue the first keys with; then retire it (README).
   * At least 32 characters that look random: a guessable one would open everything.
   */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @MinLength(32, { message: 'LEDGER_BOOTSTRAP_ADMIN_KEY must be at least 32 characters (e.g. openssl rand -base64 32)' })
  @LooksRandom({ message: 'LEDGER_BOOTSTRAP_ADMIN_KEY must look random, not like words or a pattern (e.g. openssl rand -base64 32)' })
  LEDGER_BOOTSTRAP_ADMIN_KEY?: string;

  /** Seconds between looking for keys whose expiry has passed (to record it) and recording when keys were last used. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  LEDGER_KEY_SWEEP_INTERVAL!: number;

  @Transform(({ value }) => (value === undefined || value === '' ? true : ['true', '1', 'yes'].includes(String(value).toLowerCase())))
  @IsBoolean()
  LEDGER_PUBLIC_READ!: boolean;

  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @IsString()
  LEDGER_SIGNING_KEY?: string;

  /** A file holding the signing key (PEM): a mounted secret, kept outside the database. */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @IsString()
  LEDGER_SIGNING_KEY_FILE?: string;

  /** Refuse to start unless LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE gives the key. */
  @Transform(({ value }) => ['true', '1', 'yes'].includes(String(value ?? '').toLowerCase()))
  @IsBoolean()
  LEDGER_SIGNING_KEY_REQUIRED!: boolean;

  /** A file each new signed checkpoint is written to (outside the database's reach). */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @IsString()
  LEDGER_CHECKPOINT_FILE?: string;

  /** A URL each new signed checkpoint is POSTed to (text/plain, the signed note). */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @Matches(/^https?:\/\/\S+$/, { message: 'LEDGER_CHECKPOINT_URL must be an http:// or https:// URL' })
  LEDGER_CHECKPOINT_URL?: string;

  /** Seconds between reading the whole sealed log back against the store (also done at start); 0 never. */
  @Transform(({ value }) => (value === undefined || value === '' ? 3600 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(604_800)
  LEDGER_SEAL_AUDIT_INTERVAL!: number;

  @Transform(({ value }) => (value === undefined || value === '' ? true : ['true', '1', 'yes'].includes(String(value).toLowerCase())))
  @IsBoolean()
  LEDGER_RUN_PROJECTOR!: boolean;

  /** Seconds between checkpoints while the log grows; the first is signed once anything is sealed. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86_400)
  LEDGER_CHECKPOINT_INTERVAL!: number;

  /** The checkpoints' origin line and signing key name, e.g. `decision-ledger.wiltshire.gov.uk`. */
  @Transform(({ value }) => value || 'decision-ledger')
  @Matches(/^[^\s+]+$/, { message: 'LEDGER_LOG_ORIGIN must be one word without spaces or "+".' })
  LEDGER_LOG_ORIGIN!: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(60_000)
  LEDGER_MIN_POSITION_WAIT_MS!: number;

  /** Seconds the read models may stand behind what is committed before /health/ready answers 503. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86_400)
  LEDGER_READY_MAX_LAG!: number;

  /**
   * Signs the website's session cookies. Every instance behind one address needs the same; without
   * one, each start makes its own, so sessions end when the process restarts.
   */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @MinLength(32, { message: 'LEDGER_SESSION_SECRET must be at least 32 characters' })
  LEDGER_SESSION_SECRET?: string;

  /**
   * Signs the cursors of every list, so that a client can neither make one up nor alter one. Every
   * instance behind one address needs the same; without one, each start makes its own, so a
   * cursor given out before a restart is refused (400) after it.
   */
  @IsOptional()
  @Transform(({ value }) => value || undefined)
  @MinLength(32, { message: 'LEDGER_CURSOR_SECRET must be at least 32 characters' })
  LEDGER_CURSOR_SECRET?: string;

  /** Addresses that may read /metrics without a key (a Prometheus server), comma-separated; admin keys may from anywhere. */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((address: string) => address.trim()) : []))
  @IsIP(undefined, { each: true, message: 'LEDGER_METRICS_FROM must be IP addresses, comma-separated' })
  LEDGER_METRICS_FROM!: string[];

  /**
   * The reverse proxies in front of the API (a load balancer terminating TLS), as IP addresses or
   * CIDR ranges, comma-separated. Requests from them are taken at their `X-Forwarded-For` and
   * `X-Forwarded-Proto`: the caller's address (rate limits, failed keys, LEDGER_METRICS_FROM) and
   * whether it came over HTTPS (the session cookie's `Secure`, `Strict-Transport-Security`).
   * None by default: the address is the connection's.
   */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((address: string) => address.trim()) : []))
  @IsAddressOrRange({ each: true, message: 'LEDGER_TRUST_PROXY must be IP addresses or CIDR ranges, comma-separated' })
  LEDGER_TRUST_PROXY!: string[];

  /** Requests each API key may make a minute (0: no limit). */
  @Transform(({ value }) => (value === undefined || value === '' ? 6_000 : Number(value)))
  @IsInt()
  @Min(0)
  LEDGER_RATE_LIMIT_PER_KEY!: number;

  /** Requests each address may make a minute without a key: the public's reads and pages (0: no limit). */
  @Transform(({ value }) => (value === undefined || value === '' ? 600 : Number(value)))
  @IsInt()
  @Min(0)
  LEDGER_RATE_LIMIT_PER_ADDRESS!: number;

  /** Keys refused (401) from one address in a minute before it may send no key until the minute is out (0: no limit). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(0)
  LEDGER_FAILED_KEYS_PER_MINUTE!: number;

  /**
   * Security headers on every answer: nosniff, frame options, a Content-Security-Policy,
   * Referrer-Policy, and Strict-Transport-Security over HTTPS (helmet's whole set on the site's
   * pages). `false` only behind a proxy that sets them itself.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? true : ['true', '1', 'yes'].includes(String(value).toLowerCase())))
  @IsBoolean()
  LEDGER_SECURITY_HEADERS!: boolean;

  /** Hours a website session lasts from signing in. */
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(720)
  LEDGER_SESSION_HOURS!: number;

  @Transform(({ value }) => value || 'info')
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL!: string;
}

export class InvalidEnvironmentError extends Error {
  constructor(problems: string[]) {
    super(`The ledger cannot start with this environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Reads and checks the environment; throws one error naming every problem. */
export function loadEnvironment(environment: Record<string, unknown> = process.env): LedgerEnvironment {
  const known = Object.fromEntries(
    Object.keys(new LedgerEnvironmentKeys()).map((key) => [key, environment[key]]),
  );
  const parsed = plainToInstance(LedgerEnvironment, known);
  const problems = validateSync(parsed, { whitelist: true }).flatMap((error) => Object.values(error.constraints ?? { [error.property]: `${error.property} is not valid` }));
  if (parsed.LEDGER_SIGNING_KEY_REQUIRED && !parsed.LEDGER_SIGNING_KEY && !parsed.LEDGER_SIGNING_KEY_FILE) {
    problems.push('LEDGER_SIGNING_KEY_REQUIRED is true, but no signing key was given: set LEDGER_SIGNING_KEY (an Ed25519 private key, PEM) or LEDGER_SIGNING_KEY_FILE (a file holding one)');
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return parsed;
}

/** The names `loadEnvironment` reads, so that unrelated variables never reach validation. */
class LedgerEnvironmentKeys implements Record<keyof LedgerEnvironment, undefined> {
  PORT = undefined;
  HOST = undefined;
  DATABASE_URL = undefined;
  DATABASE_SCHEMA = undefined;
  DATABASE_TIMEOUT_MS = undefined;
  LEDGER_READY_MAX_LAG = undefined;
  LEDGER_DATA_DIR = undefined;
  EVENTSTORE_CONNECTION_STRING = undefined;
  LEDGER_BOOTSTRAP_ADMIN_KEY = undefined;
  LEDGER_KEY_SWEEP_INTERVAL = undefined;
  LEDGER_PUBLIC_READ = undefined;
  LEDGER_SIGNING_KEY = undefined;
  LEDGER_SIGNING_KEY_FILE = undefined;
  LEDGER_SIGNING_KEY_REQUIRED = undefined;
  LEDGER_CHECKPOINT_FILE = undefined;
  LEDGER_CHECKPOINT_URL = undefined;
  LEDGER_SEAL_AUDIT_INTERVAL = undefined;
  LEDGER_RUN_PROJECTOR = undefined;
  LEDGER_CHECKPOINT_INTERVAL = undefined;
  LEDGER_LOG_ORIGIN = undefined;
  LEDGER_MIN_POSITION_WAIT_MS = undefined;
  LEDGER_SESSION_SECRET = undefined;
  LEDGER_CURSOR_SECRET = undefined;
  LEDGER_METRICS_FROM = undefined;
  LEDGER_TRUST_PROXY = undefined;
  LEDGER_SECURITY_HEADERS = undefined;
  LEDGER_RATE_LIMIT_PER_KEY = undefined;
  LEDGER_RATE_LIMIT_PER_ADDRESS = undefined;
  LEDGER_FAILED_KEYS_PER_MINUTE = undefined;
  LEDGER_SESSION_HOURS = undefined;
  LOG_LEVEL = undefined;
}
