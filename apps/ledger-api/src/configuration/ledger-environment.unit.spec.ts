import { InvalidEnvironmentError, loadEnvironment } from './ledger-environment.js';

describe('the environment', () => {
  it('defaults to the embedded store on port 3000', () => {
    expect(loadEnvironment({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_URL: undefined,
      LEDGER_DATA_DIR: './data',
      LEDGER_PUBLIC_READ: true,
      LOG_LEVEL: 'info',
    });
  });

  it('reads what API.md names and ignores everything else', () => {
    const environment = loadEnvironment({
      PORT: '8080',
      DATABASE_URL: 'postgres://ledger@db:5432/ledger',
      LEDGER_PUBLIC_READ: 'false',
      PATH: '/usr/bin',
    });
    expect(environment).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://ledger@db:5432/ledger', LEDGER_PUBLIC_READ: false });
    expect(environment).not.toHaveProperty('PATH');
  });

  it('names every problem at once', () => {
    const attempt = () => loadEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://db', LEDGER_BOOTSTRAP_ADMIN_KEY: 'short' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL must be a postgres:\/\/[\s\S]*LEDGER_BOOTSTRAP_ADMIN_KEY must be at least 32/);
  });

  it.each([
    ['a word repeated', 'passwordpasswordpasswordpassword'],
    ['one character', 'x'.repeat(64)],
    ['a pattern', 'ab12'.repeat(10)],
  ])('refuses a bootstrap admin key that does not look random: %s', (_, key) => {
    expect(() => loadEnvironment({ LEDGER_BOOTSTRAP_ADMIN_KEY: key })).toThrow(/LEDGER_BOOTSTRAP_ADMIN_KEY must look random/);
  });

  it.each([
    ['openssl rand -base64 32', 'q0Jw3h0m1zZ8bH6r2xT5yLk9VdP4sN7cQeA1uF3gW0o='],
    ['openssl rand -hex 16', '3f9c1a7e5b2d8046c1e9a3f7b5d20864'],
  ])('takes a bootstrap admin key made by %s', (_, key) => {
    expect(loadEnvironment({ LEDGER_BOOTSTRAP_ADMIN_KEY: key }).LEDGER_BOOTSTRAP_ADMIN_KEY).toBe(key);
  });

  it('takes the reverse proxies to trust as IP addresses or CIDR ranges, and nothing else', () => {
    expect(loadEnvironment({}).LEDGER_TRUST_PROXY).toEqual([]);
    expect(loadEnvironment({ LEDGER_TRUST_PROXY: '10.0.0.0/8, fd00::/8, 192.0.2.1' }).LEDGER_TRUST_PROXY).toEqual(['10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    for (const refused of ['10.0.0.0/8, proxy.example', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/8', '300.0.0.1']) {
      expect(() => loadEnvironment({ LEDGER_TRUST_PROXY: refused })).toThrow(/LEDGER_TRUST_PROXY must be IP addresses or CIDR ranges/);
    }
  });
});
