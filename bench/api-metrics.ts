/** The API's `/metrics` as numbers by series (a name with its labels, as Prometheus writes them). */
export async function scrapeMetrics(base: string, adminKey: string): Promise<Map<string, number>> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const series = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

/**
 * What the API's group commit did between two scrapes, as one line: how long an append waited on
 * average for its group to be sent, a group's round trip (PostgreSQL's work and commit, the round
 * trip, and the wait for the API's event loop to take the answer), and how many appends went in a
 * group.
 */
export function describeAppendGroups(before: Map<string, number>, after: Map<string, number>): string {
  const change = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
  const mean = (histogram: string) => change(`${histogram}_sum`) / change(`${histogram}_count`);
  return (
    `in the API: an append waited ${(1000 * mean('ledger_append_wait_seconds')).toFixed(1)} ms for its group to be sent, ` +
    `a group's round trip ${(1000 * mean('ledger_append_group_seconds')).toFixed(1)} ms, ${mean('ledger_append_group_appends').toFixed(1)} appends a group`
  );
}
