import { Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@ledger/governance';
import { MAX_LIMIT } from '@ledger/read-models';
import { LedgerCheckpoints, SealedLogRangeError } from '@ledger/verifiable-log';
import { mayReadProofs } from '../../api-keys/principal.js';
import { GetDelegationInstruments } from '../../registers/names/get-delegation-instruments.query.js';
import { GetNames } from '../../registers/names/get-names.query.js';
import { GetProposal, GetProposalHistory, ListProposalRegister } from '../../registers/proposal-register/proposal-register.queries.js';
import { ProposalsQuery } from '../../registers/proposal-register/proposals.query-params.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { presentDecisionProof } from '../decisions/decision-proof.presenter.js';
import { londonDayAndTime } from '../plain-english.js';
import { decisionNameIds, presentDecision, reliedOnDelegationIds } from '../decisions/decision.presenter.js';
import { PageReader, type Reader } from '../reader.decorator.js';
import { SitePageController } from '../site-page.decorator.js';
import { SitePages } from '../site-pages.js';
import { presentProposalRegister } from './proposal-register.presenter.js';
import { presentProposal, proposalNameIds } from './proposal.presenter.js';

const REGISTER_PAGE = 25;

@SitePageController('proposals')
export class ProposalPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: SitePages,
    private readonly checkpoints: LedgerCheckpoints,
  ) {}

  @Get()
  async register(@QueryParams() query: ProposalsQuery, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const filters = { status: query.status, organisationId: query.organisationId, scope: query.scope, from: query.from, to: query.to };
    const page = await this.queries.execute(new ListProposalRegister({ ...filters, limit: query.limit ?? REGISTER_PAGE, cursor: query.cursor }, reader.seesExemptDetail));
    return this.pages.render(reply, 'proposals', presentProposalRegister(filters, page));
  }

  @Get(':id')
  async proposal(@SlugParam('id', 'proposal') id: string, @PageReader() reader: Reader, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const [proposal, history] = await Promise.all([
      this.queries.execute(new GetProposal(id, reader.seesExemptDetail)),
      this.queries.execute(new GetProposalHistory(id, { limit: MAX_LIMIT }, reader.seesExemptDetail)),
    ]);
    const names = await this.queries.execute(new GetNames(proposalNameIds(proposal)));
    return this.pages.render(reply, 'proposal', presentProposal(proposal, history.items, names));
  }

  @Get(':id/decisions/:ratificationId')
  async decision(
    @SlugParam('id', 'proposal') id: string,
    @SlugParam('ratificationId', 'ratification') ratificationId: string,
    @PageReader() reader: Reader,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const proposal = await this.queries.execute(new GetProposal(id, reader.seesExemptDetail));
    const decision = proposal.ratifications.find((ratification) => ratification.id === ratificationId);
    if (!decision) throw new NotFoundError('ratification', ratificationId);
    const [instruments, names] = await Promise.all([
      this.queries.execute(new GetDelegationInstruments(reliedOnDelegationIds(decision))),
      this.queries.execute(new GetNames(decisionNameIds(decision))),
    ]);
    const proof = mayReadProofs(reader.principal) ? await this.proofOf(decision.id, decision.position) : null;
    return this.pages.render(reply, 'decision', presentDecision(proposal, decision, instruments, names, proof));
  }

  /** The decision's inclusion proof in the latest checkpoint, as `GET /v1/ledger/proofs/inclusion` gives it; null while it is not yet sealed in one. */
  private async proofOf(ratificationId: string, position: string) {
    const checkpoint = await this.checkpoints.latest();
    if (!checkpoint) return null;
    try {
      const inclusion = await this.checkpoints.inclusion(position, checkpoint.treeSize);
      return presentDecisionProof(ratificationId, inclusion, checkpoint, this.checkpoints.verifierKey, londonDayAndTime(checkpoint.issuedAt));
    } catch (error) {
      if (error instanceof SealedLogRangeError) return null; // recorded after the latest checkpoint
      throw error;
    }
  }
}
