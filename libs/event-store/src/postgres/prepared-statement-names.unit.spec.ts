import { isStalePreparedStatement, PreparedStatementNames } from './prepared-statement-names.js';

describe('PreparedStatementNames', () => {
  it('names the same text the same way every time, and different texts differently', () => {
    const names = new PreparedStatementNames();
    const proposal = names.nameOf('SELECT * FROM proposals WHERE proposal_id = $1');
    expect(proposal).toMatch(/^ledger_read_[A-Za-z0-9_-]{32}$/);
    expect(names.nameOf('SELECT * FROM proposals WHERE proposal_id = $1')).toBe(proposal);
    expect(new PreparedStatementNames().nameOf('SELECT * FROM proposals WHERE proposal_id = $1')).toBe(proposal);
    expect(names.nameOf('SELECT * FROM proposals WHERE proposal_id = $2')).not.toBe(proposal);
  });

  it('names no more texts than its limit, so values written into a text cannot fill the server with prepared statements', () => {
    const names = new PreparedStatementNames(2);
    const first = names.nameOf("SELECT 'a'");
    const second = names.nameOf("SELECT 'b'");
    expect(names.nameOf("SELECT 'c'")).toBeUndefined();
    expect(names.nameOf("SELECT 'd'")).toBeUndefined();
    // The texts named before the limit keep their names.
    expect(names.nameOf("SELECT 'a'")).toBe(first);
    expect(names.nameOf("SELECT 'b'")).toBe(second);
  });

  it('sends a text given up unnamed from then on, and keeps naming the others', () => {
    const names = new PreparedStatementNames();
    const delegations = names.nameOf('SELECT d.* FROM delegations d');
    const bodies = names.nameOf('SELECT * FROM bodies');
    names.giveUp('SELECT d.* FROM delegations d');
    expect(names.nameOf('SELECT d.* FROM delegations d')).toBeUndefined();
    expect(delegations).toBeDefined();
    expect(names.nameOf('SELECT * FROM bodies')).toBe(bodies);
  });

  it('tells a prepared statement its tables changed under from any other refusal, in any language', () => {
    const refusal = (code: string, routine: string, message: string) => Object.assign(new Error(message), { code, routine });
    expect(isStalePreparedStatement(refusal('0A000', 'RevalidateCachedQuery', 'cached plan must not change result type'))).toBe(true);
    expect(isStalePreparedStatement(refusal('0A000', 'RevalidateCachedQuery', 'le plan en cache ne doit pas modifier le type en résultat'))).toBe(true);
    expect(isStalePreparedStatement(refusal('0A000', 'transformSetOperationTree', 'FOR UPDATE is not allowed with UNION'))).toBe(false);
    expect(isStalePreparedStatement(refusal('42P01', 'parserOpenTable', 'relation "bodies" does not exist'))).toBe(false);
    expect(isStalePreparedStatement(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});
