import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrganisationSummaryView, OrganisationView, Page } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { ReadParams } from '../read.params.js';
import { GetOrganisation } from './get-organisation.query.js';
import { GetOrganisations } from './get-organisations.query.js';
import { OrganisationsParams } from './organisations.params.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('organisations')
@Controller('v1/organisations')
export class OrganisationRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'Every organisation, by id, with its dissolution. `Accept: text/csv` for CSV.' })
  @AnswersWith('OrganisationList', '{ items: [{id, name, kind, functions, establishedOn, dissolution: {dissolvedOn, successorId, transferDelegations} | null}], nextCursor }')
  list(@QueryParams() query: OrganisationsParams): Promise<Page<OrganisationSummaryView>> {
    return this.queries.execute(new GetOrganisations({ limit: query.limit, cursor: query.cursor }));
  }

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'An organisation with its bodies, posts, governing bodies, dissolution, successor and predecessors.' })
  @AnswersWith('OrganisationAnswer', '{id, name, kind, functions, establishedOn, dissolution, successor, predecessors, governingBodies, bodies, posts}')
  @ApiNotFoundResponse({ description: 'No such organisation (not_found).' })
  one(@Param('id') id: string, @QueryParams() _query: ReadParams): Promise<OrganisationView> {
    return this.queries.execute(new GetOrganisation(id));
  }
}
