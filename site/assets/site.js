// The site's one script, loaded as a module: it marks the page as GOV.UK Frontend's template would
// with an inline script (which the Content-Security-Policy does not allow), starts GOV.UK Frontend's
// components, and runs the enhancements of the page it is on. Every page works without it.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

const proof = document.querySelector('[data-proof]');
if (proof) import('/assets/proof-check.js').then(({ offerProofCheck }) => offerProofCheck(proof));
