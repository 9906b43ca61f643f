import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Inject, Post, Query as QueryParams, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidCommandError, NotFoundError } from '@ledger/governance';
import type { FastifyReply } from 'fastify';
import { DATABASE, EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { exportLedger, LedgerCheckpoints, SealedLogRangeError, type IssuedCheckpoint } from '@ledger/verifiable-log';
import { Allow, PublicRead } from '../api-keys/access.decorator.js';
import { AnswersAsStored } from '../london-time/london-time.interceptor.js';
import { ConsistencyProofQuery, ExportQuery, InclusionProofQuery } from './proof.queries.js';
import { SealerService } from './sealer.service.js';
import { AnswersWith, CreatesWith } from '../openapi/answers-with.decorator.js';
import type { CheckpointAnswer, ConsistencyProofAnswer, InclusionProofAnswer } from '../openapi/read-answers.js';

const hex = (hash: Buffer) => hash.toString('hex');

/**
 * The sealed log's signed checkpoints and the RFC 9162 proofs an auditor checks them with
 * (hashes hex; `note` is the C2SP signed note, `verifierKey` what to keep to check it offline).
 */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('v1/ledger')
export class LedgerSealController {
  constructor(
    private readonly checkpoints: LedgerCheckpoints,
    private readonly sealer: SealerService,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('checkpoint')
  @PublicRead()
  @ApiOperation({ summary: 'The latest signed checkpoint of the sealed log (C2SP tlog-checkpoint, Ed25519).' })
  @AnswersWith('CheckpointAnswer', '{treeSize, rootHash, issuedAt, signature, publicKey, origin, note, verifierKey}')
  async checkpoint(): Promise<CheckpointAnswer> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw new NotFoundError('checkpoint', 'yet: nothing has been sealed and signed');
    return this.view(latest);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @CreatesWith('CheckpointAnswer', 'The checkpoint signed now.')
  @Allow('auditor')
  @ApiOperation({ summary: 'Seals what is committed now and signs a checkpoint over it, when the log has grown since the last one.' })
  async checkpointNow(): Promise<CheckpointAnswer> {
    const issued = await this.sealer.checkpointNow();
    if (!issued) throw new NotFoundError('checkpoint', 'yet: the log is empty');
    return this.view(issued);
  }

  @Get('proofs/inclusion')
  @Allow('auditor')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof: the event at `position` is leaf `leafIndex` of the tree of `treeSize` leaves.' })
  @AnswersWith('InclusionProofAnswer', '{position, leafIndex, treeSize, leafHash, rootHash, proof: [hash]}')
  async inclusion(@QueryParams() query: InclusionProofQuery): Promise<InclusionProofAnswer> {
    const treeSize = query.treeSize ?? (await this.checkpoints.latest())?.treeSize;
    if (treeSize === undefined) throw new NotFoundError('checkpoint', 'yet: nothing has been sealed and signed');
    const proof = await this.answer(() => this.checkpoints.inclusion(query.position, treeSize), 'treeSize', query.position);
    return { position: query.position, leafIndex: proof.leafIndex, treeSize, leafHash: hex(proof.leafHash), leafBytes: proof.leafBytes, rootHash: hex(proof.rootHash), proof: proof.proof.map(hex) };
  }

  @Get('proofs/consistency')
  @Allow('auditor')
  @ApiOperation({ summary: 'RFC 9162 consistency proof: the tree of `fromSize` leaves is a prefix of the tree of `toSize`.' })
  @AnswersWith('ConsistencyProofAnswer', '{fromSize, toSize, fromRoot, toRoot, proof: [hash]}')
  async consistency(@QueryParams() query: ConsistencyProofQuery): Promise<ConsistencyProofAnswer> {
    const proof = await this.answer(() => this.checkpoints.consistency(query.fromSize, query.toSize), 'toSize');
    return { fromSize: proof.fromSize, toSize: proof.toSize, fromRoot: hex(proof.fromRoot), toRoot: hex(proof.toRoot), proof: proof.proof.map(hex) };
  }

  @Get('export')
  @Allow('auditor')
  @AnswersAsStored()
  @ApiOperation({ summary: 'The sealed log and its checkpoints as NDJSON, streamed (what `ledger export` saves and `ledger verify` checks offline).' })
  @ApiOkResponse({ description: 'application/x-ndjson: a header line, every signed checkpoint, then every leaf from fromLeaf on with the event as stored now (instants in UTC, as hashed).' })
  export(@QueryParams() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('Content-Type', 'application/x-ndjson');
    const lines = exportLedger(this.database, this.store, this.checkpoints, { fromLeaf: query.fromLeaf });
    return Readable.from(
      (async function* () {
        for await (const line of lines) yield `${JSON.stringify(line)}\n`;
      })(),
    );
  }

  private view(checkpoint: IssuedCheckpoint): CheckpointAnswer {
    const signatureLine = checkpoint.note.trimEnd().split('\n').at(-1)!;
    return {
      treeSize: checkpoint.treeSize,
      rootHash: hex(checkpoint.rootHash),
      issuedAt: checkpoint.issuedAt,
      signature: signatureLine.slice(signatureLine.lastIndexOf(' ') + 1),
      publicKey: this.checkpoints.publicKey.toString('base64'),
      origin: checkpoint.note.split('\n')[0],
      note: checkpoint.note,
      verifierKey: this.checkpoints.verifierKey,
    };
  }

  /** A position the seal does not hold is not found; a size beyond it is bad input. */
  private async answer<T>(prove: () => Promise<T>, field: string, position?: string): Promise<T> {
    try {
      return await prove();
    } catch (error) {
      if (!(error instanceof SealedLogRangeError)) throw error;
      if (error.unknown && position !== undefined) throw new NotFoundError('sealed event at log position', position);
      throw new InvalidCommandError(error.message, field);
    }
  }
}
