import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { compareLogPositions, type LogPosition } from '@ledger/event-store';
import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import { ProjectorService } from './projector.service.js';

const DEFAULT_WAIT_MS = 5_000;

/** Reads that pass a log position back wait until the read models include it (API.md "Conventions"). */
@Injectable()
export class ProjectionWait {
  private readonly timeoutMs: number;

  constructor(
    private readonly projector: ProjectorService,
    config: ConfigService,
  ) {
    this.timeoutMs = config.get<number>('LEDGER_MIN_POSITION_WAIT_MS') ?? DEFAULT_WAIT_MS;
  }

  async until(position: LogPosition, timeoutMs = this.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const projected = await this.projector.position();
      if (compareLogPositions(projected, position) >= 0) return;
      if (Date.now() >= deadline) {
        throw new ProblemException(
          problem(503, `The read models stand at ${projected} and have not reached ${position} within ${timeoutMs / 1000} s; try again shortly.`, {
            code: 'projection_behind',
            position: projected,
          }),
        );
      }
      await sleep(delay);
    }
  }
}
