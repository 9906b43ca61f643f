import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { PostHolderRequest } from './post-holder.request.js';
import { RecordPostHolder } from './record-post-holder.command.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('v1/posts')
export class RecordPostHolderController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/holders')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record who held the post, and when.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  recordHolder(@SlugParam('id', 'post') postId: string, @Body() request: PostHolderRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new RecordPostHolder(postId, request, context));
  }
}
