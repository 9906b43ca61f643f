import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { describeOnEveryStore, expectRefused, type HttpAnswer } from './ledger-api.js';

/*
 * Requests an attacker on the open internet would send: a command in a form's encoding, JSON nested
 * thousands deep, an address or headers too long for the server, a request line that is not HTTP.
 * Each answers an RFC 9457 problem, never a 500, and appends nothing.
 */

const COUNCIL = { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' };

/** Sends bytes as they are, for what `fetch` will not send (a header too large, a broken request line). */
function raw(baseUrl: string, bytes: string): Promise<{ status: number; contentType: string | undefined; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...body] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: ([^\r\n]+)/i.exec(head)?.[1];
      resolve({ status, contentType, body: body.join('\r\n\r\n') });
    });
  });
}

/** A GET with headers `fetch` refuses to send as they are (one far too large). */
function getWithHeaders(baseUrl: string, path: string, headers: Record<string, string>): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(baseUrl + path, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers as Record<string, string>, body, json: () => JSON.parse(body) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describeOnEveryStore('requests an attacker sends', (api) => {
  beforeAll(async () => {
    expect((await api().post('/v1/organisations', COUNCIL)).status).toBe(201);
  });

  it.each([
    ['a form’s encoding', 'application/x-www-form-urlencoded', 'id=wirral-director&title=Director&organisationId=wirral-council'],
    ['plain text', 'text/plain', JSON.stringify({ id: 'wirral-director', title: 'Director', organisationId: 'wirral-council' })],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="id"\r\n\r\nwirral-director\r\n--x--\r\n'],
  ])('refuses a command sent in %s (415), and records nothing', async (_what, contentType, rawBody) => {
    await expectRefused(api(), () => api().request('POST', '/v1/posts', { rawBody, headers: { 'content-type': contentType } }), 415, 'unsupported_media_type');
  });

  it('takes a command whose JSON says its charset, or is JSON of a kind (+json)', async () => {
    const answer = await api().request('POST', '/v1/posts', { body: { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(answer.status).toBe(201);
  });

  it('refuses JSON nested 3,000 deep (400), and records nothing', async () => {
    const deep = `{"id":"wirral-deep","title":"Deep","organisationId":"wirral-council","x":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    await expectRefused(api(), () => api().request('POST', '/v1/posts', { rawBody: deep }), 400, 'validation_failed');
    const deepObject = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    await expectRefused(api(), () => api().request('POST', '/v1/posts', { rawBody: deepObject }), 400, 'validation_failed');
  });

  it('answers an address too long (414) and headers too large (431) with problems', async () => {
    const longAddress = await raw(api().baseUrl, `GET /v1/organisations?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(longAddress.contentType).toMatch(/^application\/problem\+json/);
    expect([414, 431]).toContain(longAddress.status);
    expect(JSON.parse(longAddress.body)).toMatchObject({ status: longAddress.status, title: expect.any(String), detail: expect.any(String) });
    const bigHeaders = await getWithHeaders(api().baseUrl, '/v1/organisations', { 'x-padding': 'a'.repeat(20_000) }).catch(() => raw(api().baseUrl, `GET /v1/organisations HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`));
    expect(bigHeaders.status).toBe(431);
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const answer = await raw(api().baseUrl, 'GET /v1/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'validation_failed', title: expect.any(String) });
  });

  it('refuses 100,000 scopes, 10,000 conflicts of interest and a summary of 60,000 characters (400) before validating them, and records nothing', async () => {
    const proposal = { id: 'wirral-flood', title: 'A flood', scopes: Array.from({ length: 100_000 }, (_, index) => `s${index}`), keyDecision: false, proposedById: 'wirral-council', route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }], tabledOn: '2018-01-08' };
    const scopes = await expectRefused(api(), () => api().post('/v1/proposals', proposal), 400, 'validation_failed');
    expect(scopes.json().detail).toContain('scopes holds 100,000 items; no list takes more than 500.');
    const conflicts = Array.from({ length: 10_000 }, (_, index) => ({ member: `Cllr ${index}`, interest: 'a care provider' }));
    const ratification = await expectRefused(api(), () => api().post('/v1/proposals/wirral-flood/ratifications', { ratificationId: 'wirral-flood-r1', deciderId: 'wirral-cabinet', version: 1, outcome: 'approved', decidedOn: '2018-01-15', conflictsOfInterest: conflicts }), 400, 'validation_failed');
    expect(ratification.json().detail).toContain('conflictsOfInterest holds 10,000 items');
    const summary = await expectRefused(api(), () => api().post('/v1/proposals', { ...proposal, scopes: ['adult-social-care'], summary: 'x'.repeat(60_000) }), 400, 'validation_failed');
    expect(summary.json().detail).toContain('summary is 60,000 characters long');
  });

  it('refuses a body over 1 MB (413) from its length, and records nothing', async () => {
    await expectRefused(api(), () => api().post('/v1/proposals', { id: 'wirral-large', title: 'Large', summary: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
  });
});
