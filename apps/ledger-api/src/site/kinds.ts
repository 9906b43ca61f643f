import type { BodyKind, OrganisationKind } from '@ledger/governance';

/** What each kind of organisation is called, as its own papers call it. */
const ORGANISATION_KIND_NAMES: Record<OrganisationKind, string> = {
  'local-authority': 'Local authority',
  icb: 'Integrated care board (ICB)',
  ccg: 'Clinical commissioning group (CCG)',
  'nhs-trust': 'NHS trust',
  'nhs-foundation-trust': 'NHS foundation trust',
  'nhs-england': 'NHS England',
  'gp-federation': 'GP federation',
  vcse: 'Voluntary, community and social enterprise (VCSE) organisation',
  other: 'Other organisation',
};

const BODY_KIND_NAMES: Record<BodyKind, string> = {
  'governing-body': 'Governing body',
  committee: 'Committee',
  'sub-committee': 'Sub-committee',
  'joint-committee': 'Joint committee',
  'committee-in-common': 'Committee in common',
  'partnership-board': 'Partnership board',
  'officer-group': 'Officer group',
  'scrutiny-committee': 'Scrutiny committee',
  'advisory-board': 'Advisory board',
};

export const organisationKindName = (kind: string): string => ORGANISATION_KIND_NAMES[kind as OrganisationKind] ?? kind;
export const bodyKindName = (kind: string): string => BODY_KIND_NAMES[kind as BodyKind] ?? kind;
