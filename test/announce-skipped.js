import { existsSync } from 'node:fs';

/**
 * Says, before any test runs, which suites will be skipped for want of a server, so that a
 * skipped suite is never mistaken for a passing one (Jest counts a wholly skipped file without naming it).
 */
export default function announceSkipped() {
  const skipped = [];
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    skipped.push('SKIPPED: the event store contract on EventStoreDB (libs/event-store/test/eventstoredb-event-store.int.spec.ts) — EVENTSTORE_CONNECTION_STRING is not set; nothing ran against an EventStoreDB server.');
  }
  if (!process.env.TEST_DATABASE_URL) {
    skipped.push('SKIPPED: every suite on PostgreSQL — TEST_DATABASE_URL is not set; they run on embedded PGlite only.');
  }
  if (!existsSync('/usr/bin/chromium')) {
    skipped.push('SKIPPED: the website in a real browser (test/site-browser.e2e.spec.ts) — /usr/bin/chromium is missing: apt-get install -y chromium (.ci/run does).');
  }
  if (skipped.length > 0) process.stdout.write(`\n${skipped.join('\n')}\n\n`);
}
