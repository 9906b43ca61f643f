/** PostgreSQL's type number for `text`, named in a binary `text[]`. */
const TEXT_OID = 25;

/**
 * A `text[]` parameter of long values (a group append's event bodies). `pg` writes a JavaScript
 * array as an array literal, escaping every element in JavaScript — for event bodies, whose every
 * quote it escapes, about 2% of the API's time under the command load — and PostgreSQL parses the
 * literal back. Given this instead, `pg` sends the array in PostgreSQL's binary format (through
 * `toPostgres`, as a Buffer): each value's UTF-8 bytes after its length, nothing escaped or
 * parsed. PGlite, which serialises parameters itself, is handed the values (`parameterForPglite`).
 */
export class TextArrayParameter {
  constructor(readonly values: readonly string[]) {}

  /** The array in PostgreSQL's binary format: one dimension, no nulls, `text` elements. */
  toPostgres(): Buffer {
    const { values } = this;
    let size = 20;
    const lengths = values.map((value) => Buffer.byteLength(value, 'utf8'));
    for (const length of lengths) size += 4 + length;
    const bytes = Buffer.allocUnsafe(size);
    bytes.writeInt32BE(1, 0); // dimensions
    bytes.writeInt32BE(0, 4); // no nulls
    bytes.writeInt32BE(TEXT_OID, 8);
    bytes.writeInt32BE(values.length, 12);
    bytes.writeInt32BE(1, 16); // lower bound
    let at = 20;
    values.forEach((value, index) => {
      bytes.writeInt32BE(lengths[index], at);
      at += 4;
      at += bytes.write(value, at, 'utf8');
    });
    return bytes;
  }
}

/** A parameter as PGlite takes it: a `TextArrayParameter` as its values, any other as it is. */
export const parameterForPglite = (parameter: unknown): unknown => (parameter instanceof TextArrayParameter ? parameter.values : parameter);
