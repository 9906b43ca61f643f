import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** CPU time (user + system, in ms) spent so far by the API, this benchmark and every PostgreSQL server process. */
export interface CpuTimes {
  api: number;
  /** The API's main thread alone (its event loop), of `api`. */
  apiMainThread: number;
  bench: number;
  postgres: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** A process's own CPU ms, and with `reaped` also that of its children that have ended (cutime, cstime). */
function cpuMsOf(pid: number | string, reaped = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS;
  } catch {
    return 0; // gone, or not Linux
  }
}

function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The server's backends come and go with connections; the postmaster reaps them, and counts their time.
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) total += cpuMsOf(entry, true);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** A reading of where CPU went; meaningful on Linux with PostgreSQL on this machine (0 elsewhere). */
export function cpuTimes(apiPid: number): CpuTimes {
  return { api: cpuMsOf(apiPid), apiMainThread: cpuMsOf(`${apiPid}/task/${apiPid}`), bench: cpuMsOf(process.pid), postgres: postgresCpuMs() };
}

/**
 * How busy the API's main thread and this machine's cores were between two readings `wallMs`
 * apart (with `elsewhere`, CPU ms of other processes of the ledger), as one line. The API answers
 * every request on its main thread, so it is bound by that thread only as it nears 100%; below
 * that, and with cores idle, requests wait on something else.
 */
export function describeBusy(before: CpuTimes, after: CpuTimes, wallMs: number, elsewhere: Record<string, number> = {}): string {
  const percent = (ms: number, of: number) => `${Math.round((100 * ms) / of)}%`;
  const others = Object.values(elsewhere).reduce((sum, ms) => sum + ms, 0);
  const all = after.api - before.api + after.postgres - before.postgres + after.bench - before.bench + others;
  const counted = ['API', 'PostgreSQL', 'load generator', ...Object.keys(elsewhere)].join(', ');
  return `busy over the run: the API's main thread ${percent(after.apiMainThread - before.apiMainThread, wallMs)}, the API's threads together ${percent(after.api - before.api, wallMs)} of a core, this machine's ${availableParallelism()} cores ${percent(all, wallMs * availableParallelism())} (${counted})`;
}

/**
 * The most operations a second this machine's cores could serve at `cpuMs` of CPU each, counted
 * over every process that takes part (the API, PostgreSQL, the load generator), were every core
 * kept busy with nothing else: the ceiling a target is measured against.
 */
export function cpuCeiling(cpuMs: number): number {
  return (availableParallelism() * 1000) / cpuMs;
}

/**
 * CPU ms per operation between two readings, as one line, with the ceiling that CPU sets on this
 * machine (`cpuCeiling`). `elsewhere` names CPU ms spent by other processes of the ledger (a
 * projector of its own), which counts towards the total.
 */
export function describeCpuPerOperation(before: CpuTimes, after: CpuTimes, operations: number, operation: string, elsewhere: Record<string, number> = {}): string {
  const spent = { API: after.api - before.api, PostgreSQL: after.postgres - before.postgres, 'load generator': after.bench - before.bench, ...elsewhere };
  const total = Object.values(spent).reduce((sum, ms) => sum + ms, 0) / operations;
  const parts = Object.entries(spent).map(([name, ms]) => `${name} ${(ms / operations).toFixed(2)} ms`);
  return `CPU per ${operation}: ${parts.join(', ')}, together ${total.toFixed(2)} ms (at most ${Math.round(cpuCeiling(total)).toLocaleString('en-GB')} a second on this machine's ${availableParallelism()} cores)`;
}
