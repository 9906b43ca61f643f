import {
  currentProposalVersion,
  proposalDecider,
  proposalStreamId,
  type ProposalCommand,
  type ProposalEvent,
  type ProposalState,
  type TabledProposalState,
} from '@ledger/governance';
import type { CommandContext } from '../command-context.js';
import { StreamDecisions, type DecideOptions, type DecisionReader } from '../stream-decisions.js';
import type { ProposalAnswer } from '../answers.js';

/** Decides a command on a proposal's stream and answers the proposal's version and status after it. */
export class ProposalStreams {
  constructor(private readonly streams: StreamDecisions) {}

  load(proposalId: string) {
    return this.streams.load(proposalStreamId(proposalId), proposalDecider);
  }

  async decide(
    proposalId: string,
    id: string,
    command: (state: ProposalState, reader: DecisionReader) => ProposalCommand | Promise<ProposalCommand>,
    context: CommandContext,
    options?: DecideOptions<ProposalState>,
  ): Promise<ProposalAnswer> {
    return (await this.decideAndRecord(proposalId, id, command, context, options)).answer;
  }

  /** As `decide`, with the events the command recorded (or, on a retry, would have). */
  async decideAndRecord(
    proposalId: string,
    id: string,
    command: (state: ProposalState, reader: DecisionReader) => ProposalCommand | Promise<ProposalCommand>,
    context: CommandContext,
    options?: DecideOptions<ProposalState>,
  ): Promise<{ answer: ProposalAnswer; events: ProposalEvent[] }> {
    const decision = await this.streams.decide(proposalStreamId(proposalId), proposalDecider, command, context, options);
    const proposal = decision.stream.state as TabledProposalState;
    return { answer: { id, position: decision.position, version: currentProposalVersion(proposal).version, proposalStatus: proposal.status }, events: decision.events };
  }
}
