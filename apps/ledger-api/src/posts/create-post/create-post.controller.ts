import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../api-keys/access.decorator.js';
import { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import { Context } from '../../commands/command-context.decorator.js';
import { CreatePost } from './create-post.command.js';
import { PostRequest } from './post.request.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('v1/posts')
export class CreatePostController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('clerk')
  @ApiOperation({ summary: 'Create an officer post that can hold delegated authority.' })
  @ApiCreatedResponse({ type: CommandAnswer })
  create(@Body() request: PostRequest, @Context() context: CommandContext): Promise<CommandAnswer> {
    return this.commands.execute(new CreatePost(request, context));
  }
}
