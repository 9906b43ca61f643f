import { proposalStreamId } from '@ledger/governance';
import { summarise } from '../audit/event-summary.js';
import type { Page } from '../lists/page.js';
import type { ExemptParagraph, HistoryEntry, ProposalListItem, ProposalView, RatificationView } from './proposals.views.js';

/** What an anonymous reader sees in place of exempt detail (API.md "Exempt proposals"). */
export const exemptMarker = (paragraph: ExemptParagraph | number): string => `[exempt: Schedule 12A paragraph ${paragraph}]`;

/** A view `redactExempt` knows: each carries its proposal's Schedule 12A paragraph, so redaction needs nothing else. */
export type RedactableView = ProposalView | ProposalListItem | RatificationView | HistoryEntry;

type Json = unknown;

/**
 * Replaces exempt detail wherever it appears, at any depth: `summary` (the proposal's, every
 * version's, and `ProposalTabled`/`ProposalAmended` data), `conditions`, `meeting` (its minute
 * reference and link) and `exempt.reason`. Ids, title, status, route and decisions stay.
 */
function withhold(value: Json, marker: string): Json {
  if (Array.isArray(value)) return value.map((item) => withhold(item, marker));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) {
      result[key] = field;
      continue;
    }
    switch (key) {
      case 'summary':
      case 'conditions':
        result[key] = marker;
        break;
      case 'meeting':
        result[key] = { minuteRef: marker, url: marker };
        break;
      case 'exempt':
        result[key] = typeof field === 'object' && !Array.isArray(field) ? { ...(withhold(field, marker) as object), reason: marker } : marker;
        break;
      default:
        result[key] = withhold(field, marker);
    }
  }
  return result;
}

const paragraphOf = (view: RedactableView): ExemptParagraph | null => ('exemptParagraph' in view ? view.exemptParagraph : (view.exempt?.paragraph ?? null));

const isHistoryEntry = (view: RedactableView): view is HistoryEntry => 'streamVersion' in view && 'data' in view && 'type' in view;

/**
 * A view as an anonymous reader may see it: for an exempt proposal, its summary, conditions,
 * meeting detail and exempt reason read `[exempt: Schedule 12A paragraph N]`; a history entry's
 * line of English is written again from the redacted data. Views of proposals that are not exempt
 * come back as they are. Pure: the view passed in is left unchanged. Works on a single view, an
 * array of them, or a page.
 */
export function redactExempt<View extends RedactableView>(view: View): View;
export function redactExempt<View extends RedactableView>(views: readonly View[]): View[];
export function redactExempt<View extends RedactableView>(page: Page<View>): Page<View>;
export function redactExempt<View extends RedactableView>(subject: View | readonly View[] | Page<View>): View | View[] | Page<View> {
  if (Array.isArray(subject)) return subject.map((view: View) => redactOne(view));
  if ('items' in subject && 'nextCursor' in subject) return { ...subject, items: subject.items.map((view) => redactOne(view)) };
  return redactOne(subject as View);
}

function redactOne<View extends RedactableView>(view: View): View {
  const paragraph = paragraphOf(view);
  if (paragraph === null) return view;
  const redacted = withhold(view, exemptMarker(paragraph)) as View;
  if (isHistoryEntry(redacted)) {
    redacted.summary = summarise({ type: redacted.type, data: redacted.data, streamId: proposalStreamId(redacted.proposalId) });
  }
  return redacted;
}
