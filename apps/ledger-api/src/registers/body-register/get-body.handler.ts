import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { bodyById, type BodyView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetBody } from './get-body.query.js';

@QueryHandler(GetBody)
export class GetBodyHandler implements IQueryHandler<GetBody> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ id, at }: GetBody): Promise<BodyView> {
    const body = await bodyById(this.readModels, id, at ?? new Date().toISOString());
    if (!body) throw new NotFoundError('body', id);
    return body;
  }
}
