import { ListQuery } from '../../lists/list.query.js';

/** `GET /v1/organisations`: only paging. */
export class OrganisationsParams extends ListQuery {}
