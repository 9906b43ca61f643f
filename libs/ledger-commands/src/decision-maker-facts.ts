import { AlreadyExistsError, bodyDecider, bodyStreamId, postDecider, postStreamId, type DecisionMakerFact, type HolderFacts, type ScrutinyBodyFact } from '@ledger/governance';
import type { StreamReader, StreamToLoad } from '@ledger/facts';
import type { CommandContext } from './command-context.js';
import { StreamDecisions } from './stream-decisions.js';

/**
 * What the rules need to know about the bodies and posts a command names — the decision-makers
 * that decide, give or receive a delegation — read from their streams. (The rules of each stream
 * are its "decider", as the pattern names them; the body or post that decides is a decision-maker.)
 */
export class DecisionMakerFacts {
  constructor(private readonly streams: StreamDecisions) {}

  /** The streams that say what `id` is, for a command to read in its first round trip. */
  static streamsOf(id: string): StreamToLoad<unknown>[] {
    return [
      { streamId: bodyStreamId(id), decider: bodyDecider },
      { streamId: postStreamId(id), decider: postDecider },
    ];
  }

  /**
   * Bodies and posts share one space of ids, since a decider, a delegation's giver or receiver is
   * named by id alone: a new body or post may not take an id the other already has.
   */
  async assertIdIsFree(id: string, context: CommandContext): Promise<void> {
    const { body, post } = context.retrying
      ? { body: (await this.streams.loadForCommand(bodyStreamId(id), bodyDecider, context)).state, post: (await this.streams.loadForCommand(postStreamId(id), postDecider, context)).state }
      : await this.bodyOrPost(id);
    if (body.status !== 'unestablished') throw new AlreadyExistsError('body', id);
    if (post.status !== 'uncreated') throw new AlreadyExistsError('post', id);
  }

  async of(id: string, reader: StreamReader = this.streams): Promise<DecisionMakerFact> {
    const { body, post } = await this.bodyOrPost(id, reader);
    if (body.status !== 'unestablished') {
      return { id, registered: true, kind: 'body', bodyKind: body.kind, organisationId: body.organisationId, dissolvedOn: body.dissolvedOn ?? undefined };
    }
    if (post.status !== 'uncreated') return { id, registered: true, kind: 'post', organisationId: post.organisationId };
    return { id, registered: false };
  }

  /** An id names a body or a post: both streams are read in one round trip. */
  private async bodyOrPost(id: string, reader: StreamReader = this.streams) {
    const [body, post] = await reader.loadAll([
      { streamId: bodyStreamId(id), decider: bodyDecider },
      { streamId: postStreamId(id), decider: postDecider },
    ] as const);
    return { body: body.state, post: post.state };
  }

  async ofEach(ids: readonly (string | null | undefined)[]): Promise<DecisionMakerFact[]> {
    const distinct = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    return Promise.all(distinct.map((id) => this.of(id)));
  }

  /** A body or post named as the giver or receiver of a delegation. */
  async holder(id: string): Promise<HolderFacts> {
    const { body, post } = await this.bodyOrPost(id);
    if (body.status !== 'unestablished') return { id, kind: 'body', exists: true, establishedOn: body.establishedOn, dissolvedOn: body.dissolvedOn ?? undefined };
    if (post.status !== 'uncreated') return { id, kind: 'post', exists: true };
    return { id, kind: 'body', exists: false };
  }

  async scrutinyBody(bodyId: string): Promise<ScrutinyBodyFact> {
    const { state: body } = await this.streams.load(bodyStreamId(bodyId), bodyDecider);
    if (body.status === 'unestablished') return { bodyId, registered: false };
    return { bodyId, registered: true, kind: body.kind, organisationId: body.organisationId, dissolvedOn: body.dissolvedOn ?? undefined };
  }
}
