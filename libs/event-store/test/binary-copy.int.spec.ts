import { BinaryCopy, type Database } from '@ledger/event-store';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

const TEXTS = ['{"body":"{\\"data\\":{\\"title\\":\\"Cllr \\\\\\"A\\\\\\" Member\\"}}"}', 'tab\there, newline\nthere, return\rthen', '\\N', '', 'Ysgol Gymraeg — £2m ✓ 🏛️ 𝔸', 'x'.repeat(100_000)];

describeOnEveryDatabase("rows in COPY's binary format", (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ database, dispose } = await open());
    await database.query('CREATE TABLE copied (n bigint PRIMARY KEY, transaction_id xid8 NOT NULL, text text NOT NULL, bytes bytea NOT NULL)');
  });
  afterEach(async () => dispose());

  const read = () =>
    database.query<{ n: string; transaction_id: string; text: string; bytes: string }>("SELECT n::text, transaction_id::text, text, encode(bytes, 'hex') AS bytes FROM copied ORDER BY copied.n");

  it('arrive as they were written: text with every character COPY text escapes, longer than a piece, whole numbers at the ends of their ranges, bytes with zeros', async () => {
    const copy = new BinaryCopy();
    const expected: { n: string; transaction_id: string; text: string; bytes: string }[] = [];
    // Enough rows to fill several 64 KiB pieces besides the long text's own.
    for (let index = 0; index < 2_000; index++) {
      const n = index === 0 ? -(2n ** 63n) : index === 1 ? 2n ** 63n - 1n : BigInt(index);
      const transactionId = index === 0 ? 2n ** 64n - 1n : BigInt(index * 7);
      const text = TEXTS[index % TEXTS.length];
      const bytes = Buffer.from([0, index % 256, 0, 255]);
      copy.row(4).int8(n).xid8(transactionId).text(text).bytes(bytes);
      expected.push({ n: String(n), transaction_id: String(transactionId), text, bytes: bytes.toString('hex') });
    }
    const pieces = copy.pieces();
    expect(pieces.length).toBeGreaterThan(4);
    await database.transaction((session) => session.copyIn('copied', ['n', 'transaction_id', 'text', 'bytes'], pieces, 'binary'));
    expect(await read()).toEqual(expected.sort((a, b) => (BigInt(a.n) < BigInt(b.n) ? -1 : 1)));
  });

  it('keep U+0000, which text cannot hold, as U+FFFD, as the text format does', async () => {
    await database.copyIn('copied', ['n', 'transaction_id', 'text', 'bytes'], new BinaryCopy().row(4).int8(1).xid8(1n).text('a\u0000b').bytes(Buffer.alloc(0)).pieces(), 'binary');
    expect(await read()).toEqual([{ n: '1', transaction_id: '1', text: 'a\uFFFDb', bytes: '' }]);
  });

  it('are refused whole when one breaks a constraint', async () => {
    const copy = new BinaryCopy().row(4).int8(1).xid8(1n).text('first').bytes(Buffer.alloc(1)).row(4).int8(1).xid8(2n).text('again').bytes(Buffer.alloc(1));
    await expect(database.copyIn('copied', ['n', 'transaction_id', 'text', 'bytes'], copy.pieces(), 'binary')).rejects.toThrow(/duplicate key/);
    expect(await read()).toEqual([]);
  });
});
