import { randomBytes } from 'node:crypto';
import type { CommandClient, Operation } from './operations.js';

/**
 * The commands a fault run sends: councils as in the seed papers — a cabinet (the governing
 * body) delegating adult social care to a committee, which delegates to one officer post per
 * writer — and writers that each, over and over, table a proposal, now and then amend it,
 * ratify it under the officer's delegated authority, and now and then vary that delegation.
 * Every command goes through the `CommandClient`, so each has its own Idempotency-Key and is
 * retried with it until it is answered.
 */
export class CouncilWorkload {
  private readonly run = randomBytes(3).toString('hex');

  constructor(
    private readonly client: CommandClient,
    private readonly options: { councils: number; writers: number },
  ) {}

  private council(writer: number): string {
    return `fault-council-${this.run}-${writer % this.options.councils}`;
  }

  private officer(writer: number): string {
    return `${this.council(writer)}-officer-${writer}`;
  }

  private key(writer: number, label: string): string {
    return `${this.run}-w${writer}-${label}`;
  }

  /** The councils, their bodies, the officers' posts and the scheme of delegation; throws unless every step is answered 2xx. */
  async prepare(): Promise<void> {
    const instrument = { title: 'Scheme of Delegation, Part 3 of the Constitution' };
    for (let c = 0; c < this.options.councils; c++) {
      const council = `fault-council-${this.run}-${c}`;
      await this.must(-1, 'register-organisation', '/v1/organisations', { id: council, name: `Fault Council ${c}`, kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '2010-04-01' }, `setup-${c}-organisation`);
      await this.must(-1, 'establish-body', '/v1/bodies', { id: `${council}-cabinet`, name: 'Cabinet', kind: 'governing-body', organisationId: council, establishedOn: '2010-04-01' }, `setup-${c}-cabinet`);
      await this.must(-1, 'establish-body', '/v1/bodies', { id: `${council}-committee`, name: 'Adult Social Care Committee', kind: 'committee', organisationId: council, establishedOn: '2010-04-01' }, `setup-${c}-committee`);
      await this.must(-1, 'grant-delegation', '/v1/delegations', {
        id: `${council}-cabinet-to-committee`, organisationId: council, fromId: `${council}-cabinet`, toId: `${council}-committee`,
        scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: '2015-04-01', mayRedelegate: true, instrument,
      }, `setup-${c}-delegation`);
    }
    for (let writer = 0; writer < this.options.writers; writer++) {
      const council = this.council(writer);
      await this.must(-1, 'create-post', '/v1/posts', { id: this.officer(writer), title: `Director of Adult Services ${writer}`, organisationId: council }, this.key(writer, 'post'));
      await this.must(-1, 'grant-delegation', '/v1/delegations', {
        id: `${this.officer(writer)}-authority`, organisationId: council, fromId: `${council}-committee`, toId: this.officer(writer),
        scopes: ['adult-social-care'], limitPence: 9_000_000, effectiveFrom: '2016-04-01', mayRedelegate: false, instrument,
      }, this.key(writer, 'authority'));
    }
  }

  /** One writer's commands until `keepGoing` says stop; the number of rounds it completed. */
  async write(writer: number, keepGoing: () => boolean): Promise<number> {
    const council = this.council(writer);
    let round = 0;
    for (; keepGoing(); round++) {
      const proposalId = `${this.officer(writer)}-proposal-${round}`;
      await this.client.send(writer, 'table-proposal', '/v1/proposals', {
        id: proposalId, title: `Care home placements framework ${round}`, scopes: ['adult-social-care'], valuePence: 2_500_000, keyDecision: false,
        proposedById: `${council}-committee`, route: [{ organisationId: council, requirement: 'approve' }], tabledOn: '2024-01-08',
      }, this.key(writer, `r${round}-table`));
      let version = 1;
      if (round % 3 === 1) {
        await this.client.send(writer, 'amend-proposal', `/v1/proposals/${proposalId}/amendments`, { amendedOn: '2024-01-15', reason: 'Revised prices from the providers', valuePence: 2_400_000 }, this.key(writer, `r${round}-amend`));
        version = 2;
      }
      await this.client.send(writer, 'ratify', `/v1/proposals/${proposalId}/ratifications`, {
        ratificationId: `${proposalId}-approval`, deciderId: this.officer(writer), version, outcome: 'approved', decidedOn: '2024-02-01T10:00:00Z',
        reasons: 'Within the framework agreed by the committee', alternativesConsidered: 'Spot purchasing, rejected on cost',
      }, this.key(writer, `r${round}-ratify`));
      if (round % 4 === 3) {
        await this.client.send(writer, 'vary-delegation', `/v1/delegations/${this.officer(writer)}-authority/variations`, {
          effectiveFrom: '2024-03-01', reason: 'Limit reviewed by the committee', limitPence: 9_000_000 - round * 1_000,
        }, this.key(writer, `r${round}-vary`));
      }
    }
    return round;
  }

  private async must(writer: number, kind: string, path: string, body: unknown, key: string): Promise<Operation> {
    const operation = await this.client.send(writer, kind, path, body, `${this.run}-${key}`);
    if (operation.answer?.status !== 201) throw new Error(`${kind} ${path} was answered ${operation.answer?.status ?? 'never'}: ${JSON.stringify(operation.answer?.body ?? operation.attempts.at(-1))}`);
    return operation;
  }
}
