/** The suites send hundreds of requests a second from one address: limits are off unless a suite about them sets its own (test/rate-limits.e2e.spec.ts). */
export const NO_RATE_LIMITS = { LEDGER_RATE_LIMIT_PER_KEY: '0', LEDGER_RATE_LIMIT_PER_ADDRESS: '0', LEDGER_FAILED_KEYS_PER_MINUTE: '0' };
