import { Injectable } from '@nestjs/common';
import { bodyDecider, bodyStreamId, postDecider, postStreamId, type DeciderFact, type HolderFacts, type ScrutinyBodyFact } from '@ledger/governance';
import { StreamDecisions } from './stream-decisions.js';

/** What the proposal's rules need to know about the bodies and posts a command names, read from their streams. */
@Injectable()
export class DeciderFacts {
  constructor(private readonly streams: StreamDecisions) {}

  async of(id: string): Promise<DeciderFact> {
    const { state: body } = await this.streams.load(bodyStreamId(id), bodyDecider);
    if (body.status !== 'unestablished') {
      return { id, registered: true, kind: 'body', bodyKind: body.kind, organisationId: body.organisationId, dissolvedOn: body.dissolvedOn ?? undefined };
    }
    const { state: post } = await this.streams.load(postStreamId(id), postDecider);
    if (post.status !== 'uncreated') return { id, registered: true, kind: 'post', organisationId: post.organisationId };
    return { id, registered: false };
  }

  async ofEach(ids: readonly (string | null | undefined)[]): Promise<DeciderFact[]> {
    const distinct = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    return Promise.all(distinct.map((id) => this.of(id)));
  }

  /** A body or post named as the giver or receiver of a delegation. */
  async holder(id: string): Promise<HolderFacts> {
    const { state: body } = await this.streams.load(bodyStreamId(id), bodyDecider);
    if (body.status !== 'unestablished') return { id, kind: 'body', exists: true, establishedOn: body.establishedOn, dissolvedOn: body.dissolvedOn ?? undefined };
    const { state: post } = await this.streams.load(postStreamId(id), postDecider);
    if (post.status !== 'uncreated') return { id, kind: 'post', exists: true };
    return { id, kind: 'body', exists: false };
  }

  async scrutinyBody(bodyId: string): Promise<ScrutinyBodyFact> {
    const { state: body } = await this.streams.load(bodyStreamId(bodyId), bodyDecider);
    if (body.status === 'unestablished') return { bodyId, registered: false };
    return { bodyId, registered: true, kind: body.kind, organisationId: body.organisationId, dissolvedOn: body.dissolvedOn ?? undefined };
  }
}
