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
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL must be a postgres:\/\/[\s\S]*LEDGER_BOOTSTRAP_ADMIN_KEY must be at least 16/);
  });
});
