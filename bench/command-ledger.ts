/**
 * The ledger `bench:commands` and `bench:compare-commands` ratify on, through an API of their
 * own: 4 organisations each with a governing body, 10 committees, 10 sub-committees and 480
 * posts, and a scheme of 500 delegations, so every post holds authority through a chain of 2 or 3
 * links; then proposals tabled, each to be approved by one post, and ratified from 20 connections.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { CONNECTIONS, inParallel } from './read-ledger.js';

const ORGANISATIONS = 4;
const COMMITTEES = 10;
const POSTS_PER_ORGANISATION = 480;


/** An API the benchmark drives, at `base`, with the bootstrap administrator's key. */
export class BenchApi {
  constructor(
    readonly base: string,
    readonly adminKey: string,
  ) {}

  async request(method: string, path: string, body?: unknown, key = this.adminKey): Promise<{ status: number; text: string }> {
    const response = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  async post(path: string, body: unknown, key?: string): Promise<void> {
    const answer = await this.request('POST', path, body, key);
    if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
  }
}


export interface CannonTiming {
  label: string;
  requests: number;
  ms: number;
  p50: number;
  p99: number;
}

/** Drives the API at `base` with autocannon from `CONNECTIONS` connections; any answer but 2xx fails the run. */
export async function cannon(base: string, label: string, options: Partial<autocannon.Options>): Promise<CannonTiming> {
  // Throughput between the first and the last answer: autocannon's own duration is whole seconds
  // and includes its start-up, which would weigh on a run of a couple of seconds.
  let first = 0;
  let last = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections: CONNECTIONS, ...options }, (error, answer) => (error ? reject(error) : resolve(answer)));
    instance.on('response', () => {
      last = performance.now();
      first ||= last;
    });
  });
  const ms = last - first;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} answers were not 2xx and ${result.errors} failed`);
  return { label, requests: result.requests.total - 1, ms, p50: result.latency.p50, p99: result.latency.p99 };
}

export function report(timing: CannonTiming): { rps: number; p50: number; p99: number } {
  const rps = (timing.requests * 1000) / timing.ms;
  console.log(
    `${timing.label.padEnd(44)} ${timing.requests.toLocaleString('en-GB').padStart(7)} requests  ${Math.round(rps).toLocaleString('en-GB').padStart(7)} req/s  p50 ${timing.p50.toFixed(1)} ms  p99 ${timing.p99.toFixed(1)} ms`,
  );
  return { rps, p50: timing.p50, p99: timing.p99 };
}

/** A proposal tabled for the benchmark, and the post that approves it. */
export interface BenchProposal {
  proposalId: string;
  organisationId: string;
  postId: string;
}

/** Organisations, bodies, posts and schemes of 500 delegations; returns each post with its organisation. */
async function prepareAuthority(api: BenchApi, clerk: string): Promise<{ organisationId: string; postId: string }[]> {
  const deciders: { organisationId: string; postId: string }[] = [];
  for (let o = 0; o < ORGANISATIONS; o++) {
    const organisationId = `bench-council-${o}`;
    const cabinet = `${organisationId}-cabinet`;
    await api.post('/v1/organisations', { id: organisationId, name: `Bench Council ${o}`, kind: 'local-authority', functions: ['adult-social-care', 'bcf', 'public-health'], establishedOn: '2010-04-01' }, clerk);
    await api.post('/v1/bodies', { id: cabinet, name: `Cabinet ${o}`, kind: 'governing-body', organisationId, establishedOn: '2010-04-01' }, clerk);
    const instrument = { title: 'Scheme of Delegation, Part 3 of the Constitution' };
    for (let c = 0; c < COMMITTEES; c++) {
      const committee = `${organisationId}-committee-${c}`;
      const subCommittee = `${committee}-sub`;
      await api.post('/v1/bodies', { id: committee, name: `Committee ${c}`, kind: 'committee', organisationId, establishedOn: '2010-04-01' }, clerk);
      await api.post('/v1/bodies', { id: subCommittee, name: `Sub-committee ${c}`, kind: 'sub-committee', organisationId, establishedOn: '2010-04-01' }, clerk);
      await api.post('/v1/delegations', { id: `${cabinet}-to-committee-${c}`, organisationId, fromId: cabinet, toId: committee, scopes: ['adult-social-care', 'bcf'], limitPence: 500_000_000, effectiveFrom: '2015-04-01', mayRedelegate: true, instrument }, clerk);
      await api.post('/v1/delegations', { id: `${committee}-to-sub`, organisationId, fromId: committee, toId: subCommittee, scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: '2015-04-01', mayRedelegate: true, instrument }, clerk);
    }
    const posts = Array.from({ length: POSTS_PER_ORGANISATION }, (_, p) => `${organisationId}-officer-${p}`);
    await inParallel(`posts of ${organisationId}`, posts.length, async (p) => {
      const postId = posts[p];
      const committee = `${organisationId}-committee-${p % COMMITTEES}`;
      const from = p % 2 === 0 ? committee : `${committee}-sub`; // 2-link and 3-link chains
      await api.post('/v1/posts', { id: postId, title: `Officer ${p}`, organisationId }, clerk);
      await api.post('/v1/delegations', { id: `${postId}-authority`, organisationId, fromId: from, toId: postId, scopes: ['adult-social-care'], limitPence: 5_000_000, effectiveFrom: '2016-04-01', mayRedelegate: false, instrument }, clerk);
    });
    deciders.push(...posts.map((postId) => ({ organisationId, postId })));
  }
  return deciders;
}

/** A clerk's key, the schemes of delegation, and `count` proposals tabled, each to be approved by one post. */
export async function prepareCommandLedger(api: BenchApi, count: number): Promise<{ clerk: string; proposals: BenchProposal[]; description: string }> {
  const clerkAnswer = await api.request('POST', '/v1/api-keys', { name: 'bench-clerk', role: 'clerk' });
  const clerk = (JSON.parse(clerkAnswer.text) as { key: string }).key;
  const deciders = await prepareAuthority(api, clerk);
  const proposals = Array.from({ length: count }, (_, i) => ({ proposalId: `bench-proposal-${i}`, ...deciders[(i * 7) % deciders.length] }));
  await inParallel('tabling proposals', count, async (i) => {
    const { proposalId, organisationId } = proposals[i];
    await api.post(
      '/v1/proposals',
      {
        id: proposalId,
        title: `Care package framework ${i}`,
        scopes: ['adult-social-care'],
        valuePence: 2_500_000,
        keyDecision: false,
        proposedById: `${organisationId}-committee-0`,
        route: [{ organisationId, requirement: 'approve' }],
        tabledOn: '2024-01-08',
      },
      clerk,
    );
  });
  return { clerk, proposals, description: `${ORGANISATIONS} schemes of ${COMMITTEES * 2 + POSTS_PER_ORGANISATION} delegations and ${count} proposals` };
}

/** One ratification of each of `proposals` (approved by its post), POSTed from `CONNECTIONS` connections. */
export function ratifyEach(api: BenchApi, clerk: string, proposals: readonly BenchProposal[], label = 'POST /v1/proposals/{id}/ratifications'): Promise<CannonTiming> {
  let next = 0;
  return cannon(api.base, label, {
    amount: proposals.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { proposalId, postId } = proposals[next++ % proposals.length];
          return {
            ...request,
            path: `/v1/proposals/${proposalId}/ratifications`,
            headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              ratificationId: `${proposalId}-approval`,
              deciderId: postId,
              version: 1,
              outcome: 'approved',
              decidedOn: '2024-02-01T10:00:00Z',
              reasons: 'Within the framework agreed by the committee',
            }),
          };
        },
      },
    ],
  });
}
