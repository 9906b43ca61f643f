const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\ufffd' };
const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_SPECIALS = /[\\\t\n\r\0]/g;

/**
 * Text as one field of COPY's text format (`SqlSession.copyIn`): a backslash, tab, newline or
 * carriage return escaped; U+0000, which PostgreSQL text cannot hold, as U+FFFD.
 */
export function copyField(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (special) => COPY_ESCAPES[special]) : text;
}

/** Bytes as a `bytea` field of COPY's text format (hex, its backslash escaped). */
export const copyBytea = (bytes: Uint8Array): string => `\\\\x${Buffer.from(bytes).toString('hex')}`;
