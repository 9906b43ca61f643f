import type { BodySummaryView, OrganisationSummaryView, RatificationView } from '@ledger/read-models';
import { decisionLine, type DecisionLine, type Names } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { organisationKindName } from '../kinds.js';
import { lastDayBefore } from '../plain-english.js';

export interface HomeOrganisation {
  name: Link;
  kind: string;
  /** "Dissolved at the end of 30 June 2022", or null while it exists. */
  dissolved: string | null;
  bodies: Link[];
}

export interface HomeContent {
  organisations: HomeOrganisation[];
  latestDecisions: DecisionLine[];
}

export interface HomeReading {
  organisations: OrganisationSummaryView[];
  bodies: BodySummaryView[];
  latestDecisions: RatificationView[];
  names: Names;
}

/** The home page: each organisation with its bodies, and the latest decisions. */
export function presentHome({ organisations, bodies, latestDecisions, names }: HomeReading): Page<HomeContent> {
  return {
    page: frame('Decisions, approval routes and authority'),
    organisations: organisations.map((organisation) => ({
      name: { text: organisation.name, href: `/organisations/${segment(organisation.id)}` },
      kind: organisationKindName(organisation.kind),
      dissolved: organisation.dissolution ? `Dissolved at the end of ${lastDayBefore(organisation.dissolution.dissolvedOn)}` : null,
      bodies: bodies
        .filter((body) => body.organisationId === organisation.id || body.memberOrganisationIds.includes(organisation.id))
        .map((body) => ({ text: body.name, href: `/bodies/${segment(body.id)}` })),
    })),
    latestDecisions: latestDecisions.map((decision) => decisionLine(decision, names)),
  };
}
