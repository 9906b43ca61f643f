const COPY_SPECIAL = /[\\\t\n\r\0]/;
const CONTROL = /[\t\n\r\0]/;

/**
 * Text as one field of COPY's text format (`SqlSession.copyIn`): a backslash, tab, newline or
 * carriage return escaped; U+0000, which PostgreSQL text cannot hold, as U+FFFD. Each by a native
 * `replaceAll`: a leaf's bytes hold a backslash before every quote of the event's body.
 */
export function copyField(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  const escaped = text.replaceAll('\\', '\\\\');
  if (!CONTROL.test(escaped)) return escaped;
  return escaped.replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\0', '\ufffd');
}
