import { Module } from '@nestjs/common';
import { CreatePostHandler } from './create-post/create-post.handler.js';
import { PostsController } from './posts.controller.js';
import { RecordPostHolderHandler } from './record-post-holder/record-post-holder.handler.js';

@Module({
  controllers: [PostsController],
  providers: [CreatePostHandler, RecordPostHolderHandler],
})
export class PostsModule {}
