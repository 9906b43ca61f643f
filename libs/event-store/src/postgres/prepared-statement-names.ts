import { createHash } from 'node:crypto';

/**
 * Names under which a connection prepares the statements it is sent again and again, so that
 * PostgreSQL parses them once per connection (and, where a generic plan serves as well, plans them
 * once) instead of on every request. A name is the digest of the statement's text, so two texts
 * never share one and the same text always gets the same.
 *
 * Each connection keeps every statement it has prepared until it closes, so only `limit` texts are
 * ever named: a text built with a value written into it could otherwise fill the server's memory.
 * Texts beyond the limit are sent unnamed, as before.
 */
export class PreparedStatementNames {
  /** Each text's name; null for a text no longer named. */
  private readonly names = new Map<string, string | null>();

  constructor(private readonly limit = 500) {}

  /** The name to prepare `text` under, or undefined when the limit is reached or the text was given up. */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.limit) {
      name = `ledger_read_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      this.names.set(text, name);
    }
    return name ?? undefined;
  }

  /**
   * Sends `text` unnamed from now on: the statement prepared under its name no longer serves, as
   * when a migration (another instance's, upgrading the read models) changed the rows it gives.
   */
  giveUp(text: string): void {
    this.names.set(text, null);
  }
}

/**
 * PostgreSQL's refusal to run a prepared statement whose tables changed the rows it gives ("cached
 * plan must not change result type"), told by the routine that refuses, not by the message, which
 * a server may give in another language.
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const { code, routine } = error as { code?: unknown; routine?: unknown };
  return code === '0A000' && routine === 'RevalidateCachedQuery';
}
