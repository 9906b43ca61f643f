import { given } from '../../test/given-when-then.js';
import { AlreadyExistsError } from '../shared/domain-error.js';
import { delegationIdDecider } from './delegation-id.decider.js';

const claim = { type: 'ClaimDelegationId', delegationId: 'cabinet-to-dass', organisationId: 'wiltshire-council' } as const;
const claimed = { type: 'DelegationIdClaimed', data: { delegationId: 'cabinet-to-dass', organisationId: 'wiltshire-council' } } as const;

describe('a delegation id', () => {
  it('is claimed for the scheme of one organisation', () => {
    given(delegationIdDecider).when(claim).then([claimed]);
  });

  it('cannot be used in another organisation’s scheme', () => {
    given(delegationIdDecider, [claimed])
      .when({ ...claim, organisationId: 'bsw-icb' })
      .thenThrows(AlreadyExistsError, 'A delegation with id cabinet-to-dass already exists.');
  });

  it('claimed again for the same scheme is nothing new (a grant that did not complete may be retried)', () => {
    given(delegationIdDecider, [claimed]).when(claim).then([]);
  });
});
