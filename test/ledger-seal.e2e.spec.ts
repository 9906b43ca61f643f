import { openCheckpoint, verifyConsistency, verifyInclusion } from '@ledger/verifiable-log';
import { describeOnEveryStore, expectRefused } from './ledger-api.js';

const hex = (value: string) => Buffer.from(value, 'hex');

describeOnEveryStore('the verifiable ledger over HTTP', (api) => {
  let auditor: string;
  let clerk: string;
  const positions: string[] = [];

  beforeAll(async () => {
    auditor = await api().keyFor('auditor', 'grant-thornton');
    clerk = await api().keyFor('clerk', 'wirral-clerk');
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
    ] as const) {
      const answer = await api().post(path, body, { key: clerk });
      expect(answer.status).toBe(201);
      positions.push(answer.json().position);
    }
  });

  it('signs a checkpoint on demand that anyone can read and check with the verifier key', async () => {
    const signed = await api().post('/v1/ledger/checkpoints', {}, { key: auditor });
    expect(signed.status).toBe(201);
    const checkpoint = (await api().get('/v1/ledger/checkpoint', { key: null })).json();
    expect(checkpoint).toMatchObject({ treeSize: 5, origin: 'decision-ledger', issuedAt: expect.any(String), publicKey: expect.any(String), signature: expect.any(String) });
    // Five events: the two keys' issue, the organisation, the Cabinet, and the Cabinet designated its governing body.
    expect(openCheckpoint(checkpoint.note, checkpoint.verifierKey)).toEqual({ origin: 'decision-ledger', treeSize: 5, rootHash: hex(checkpoint.rootHash) });
  });

  it('proves to an auditor that each command’s event is in the checkpoint', async () => {
    const { rootHash, treeSize } = (await api().get('/v1/ledger/checkpoint', { key: null })).json();
    for (const position of positions) {
      const proof = (await api().get(`/v1/ledger/proofs/inclusion?position=${position}`, { key: auditor })).json();
      expect(proof).toMatchObject({ position, treeSize });
      expect(verifyInclusion(hex(proof.leafHash), proof.leafIndex, treeSize, proof.proof.map(hex), hex(rootHash))).toBe(true);
    }
  });

  it('proves the next checkpoint extends the one an auditor kept', async () => {
    const kept = (await api().get('/v1/ledger/checkpoint', { key: null })).json();
    const answer = await api().post('/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }, { key: clerk });
    expect(answer.status).toBe(201);
    const next = (await api().post('/v1/ledger/checkpoints', {}, { key: auditor })).json();
    expect(next.treeSize).toBe(kept.treeSize + 1);
    const proof = (await api().get(`/v1/ledger/proofs/consistency?fromSize=${kept.treeSize}&toSize=${next.treeSize}`, { key: auditor })).json();
    expect(proof).toMatchObject({ fromRoot: kept.rootHash, toRoot: next.rootHash });
    expect(verifyConsistency(kept.treeSize, next.treeSize, proof.proof.map(hex), hex(kept.rootHash), hex(next.rootHash))).toBe(true);
  });

  it('links each ratification to its inclusion proof', async () => {
    const tabled = await api().post('/v1/proposals', { id: 'wirral-jscb', title: 'Joint Strategic Commissioning Board', scopes: ['adult-social-care'], keyDecision: true, proposedById: 'wirral-cabinet', route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }], tabledOn: '2017-11-20' }, { key: clerk });
    expect(tabled.status).toBe(201);
    const ratified = await api().post('/v1/proposals/wirral-jscb/ratifications', { ratificationId: 'wirral-cabinet-2017-11-27', deciderId: 'wirral-cabinet', version: 1, outcome: 'approved', decidedOn: '2017-11-27' }, { key: clerk });
    expect(ratified.status).toBe(201);
    const checkpoint = (await api().post('/v1/ledger/checkpoints', {}, { key: auditor })).json();
    const view = (await api().get(`/v1/proposals/wirral-jscb?minPosition=${ratified.json().position}`, { key: auditor })).json();
    const decision = view.ratifications[0];
    expect(decision.proof).toBe(`/v1/ledger/proofs/inclusion?position=${decision.position}`);
    const proof = (await api().get(decision.proof, { key: auditor })).json();
    expect(verifyInclusion(hex(proof.leafHash), proof.leafIndex, checkpoint.treeSize, proof.proof.map(hex), hex(checkpoint.rootHash))).toBe(true);
  });

  it('gives proofs to auditors only, and refuses positions and sizes it does not hold', async () => {
    await expectRefused(api(), () => api().get(`/v1/ledger/proofs/inclusion?position=${positions[0]}`, { key: null }), 401, 'unauthenticated');
    await expectRefused(api(), () => api().get(`/v1/ledger/proofs/inclusion?position=${positions[0]}`, { key: clerk }), 403, 'forbidden');
    await expectRefused(api(), () => api().get('/v1/ledger/proofs/inclusion?position=1:999999999', { key: auditor }), 404, 'not_found');
    await expectRefused(api(), () => api().get('/v1/ledger/proofs/inclusion?position=yesterday', { key: auditor }), 400, 'validation_failed');
    await expectRefused(api(), () => api().get(`/v1/ledger/proofs/inclusion?position=${positions[0]}&treeSize=100000`, { key: auditor }), 400, 'validation_failed');
    await expectRefused(api(), () => api().get('/v1/ledger/proofs/consistency?fromSize=3&toSize=2', { key: auditor }), 400, 'validation_failed');
    await expectRefused(api(), () => api().get('/v1/ledger/proofs/consistency?fromSize=1&toSize=100000', { key: auditor }), 400, 'validation_failed');
    await expectRefused(api(), () => api().post('/v1/ledger/checkpoints', {}, { key: clerk }), 403, 'forbidden');
  });
});
