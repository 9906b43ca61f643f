import { auditTrailProjection } from './audit/audit-trail.projection.js';
import { delegationsProjection } from './delegations/delegations.projection.js';
import { organisationProjections } from './organisations/organisations.projection.js';
import type { Projection } from './projector/projection.js';
import { proposalsProjection } from './proposals/proposals.projection.js';

/** Every read model the projector keeps, in the order it applies them to each batch. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [auditTrailProjection, ...organisationProjections, delegationsProjection, proposalsProjection];
