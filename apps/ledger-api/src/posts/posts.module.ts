import { Module } from '@nestjs/common';
import { CreatePostHandler } from './create-post/create-post.handler.js';
import { CreatePostController } from './create-post/create-post.controller.js';
import { RecordPostHolderController } from './record-post-holder/record-post-holder.controller.js';
import { RecordPostHolderHandler } from './record-post-holder/record-post-holder.handler.js';

@Module({
  controllers: [CreatePostController, RecordPostHolderController],
  providers: [CreatePostHandler, RecordPostHolderHandler],
})
export class PostsModule {}
