import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { postById, type PostView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetPost } from './get-post.query.js';

@QueryHandler(GetPost)
export class GetPostHandler implements IQueryHandler<GetPost> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ id, at }: GetPost): Promise<PostView> {
    const post = await postById(this.readModels, id, at ?? new Date().toISOString());
    if (!post) throw new NotFoundError('post', id);
    return post;
  }
}
