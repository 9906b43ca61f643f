/** What every COPY in binary format begins with: the signature, no flags, no header extension. */
const BINARY_COPY_HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');

/** About how many bytes go in one piece. */
const PIECE_BYTES = 64 * 1024;

/**
 * Rows in COPY's binary format (`SqlSession.copyIn(…, 'binary')`): each field its length and its
 * bytes as PostgreSQL's binary receive functions read them — a text's UTF-8 as it is, a `bytea`'s
 * bytes as they are — so nothing is escaped on the way and nothing parsed on arrival. Build a row
 * with `row(fields)` and one call per field in the table's column order; `pieces()` ends the copy.
 */
export class BinaryCopy {
  private readonly done: Buffer<ArrayBuffer>[] = [];
  private piece = Buffer.allocUnsafe(PIECE_BYTES);
  private at = BINARY_COPY_HEADER.copy(this.piece, 0);

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.room(2);
    this.at = this.piece.writeInt16BE(fields, this.at);
    return this;
  }

  /** A `bigint` (`int8`) field: a whole number, as a number, bigint or decimal text. */
  int8(value: number | bigint | string): this {
    this.room(12);
    this.at = this.piece.writeInt32BE(8, this.at);
    this.at = this.piece.writeBigInt64BE(BigInt(value), this.at);
    return this;
  }

  /** An `xid8` field (a transaction id: unsigned, 64 bits). */
  xid8(value: bigint): this {
    this.room(12);
    this.at = this.piece.writeInt32BE(8, this.at);
    this.at = this.piece.writeBigUInt64BE(value, this.at);
    return this;
  }

  /** A `text` field; U+0000, which PostgreSQL text cannot hold, as U+FFFD (as COPY's text format writes it). */
  text(value: string): this {
    const text = value.includes('\0') ? value.replaceAll('\0', '\ufffd') : value;
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    this.room(4 + text.length * 3);
    const length = this.piece.write(text, this.at + 4, 'utf8');
    this.piece.writeInt32BE(length, this.at);
    this.at += 4 + length;
    return this;
  }

  /** A `bytea` field. */
  bytes(value: Uint8Array): this {
    this.room(4 + value.length);
    this.at = this.piece.writeInt32BE(value.length, this.at);
    this.piece.set(value, this.at);
    this.at += value.length;
    return this;
  }

  /** The copy, ended, in pieces of about 64 KiB (a field longer than that in a piece of its own size). */
  pieces(): Buffer<ArrayBuffer>[] {
    this.room(2);
    this.at = this.piece.writeInt16BE(-1, this.at);
    this.done.push(this.piece.subarray(0, this.at));
    this.piece = Buffer.alloc(0);
    this.at = 0;
    return this.done;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.piece.length) return;
    if (this.at > 0) this.done.push(this.piece.subarray(0, this.at));
    this.piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, bytes));
    this.at = 0;
  }
}
