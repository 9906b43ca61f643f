import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `ledger …` as an operator would (the built CLI, output piped); answers its exit code and output. */
export async function ledger(args: string[], environment: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, LEDGER_DATA_DIR: _dir, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/ledger.js', ...args], { env: { ...inherited, ...environment } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
