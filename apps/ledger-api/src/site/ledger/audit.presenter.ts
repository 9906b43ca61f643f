import type { AuditEntry, Page as ListPage } from '@ledger/read-models';
import { frame, keptFilters, queryOf, type Page } from '../page.js';
import { londonDayAndTime, shown } from '../plain-english.js';

export interface AuditFilters {
  streamId?: string;
  actor?: string;
  type?: string;
  recordedFrom?: string;
  recordedTo?: string;
}

export interface AuditContent {
  filters: Required<AuditFilters>;
  entries: { position: string; recorded: string; actor: string; summary: string; stream: string }[];
  next: string | null;
}

/** The audit trail: every event in the order the ledger recorded it, in plain English, with who recorded it. */
export function presentAudit(filters: AuditFilters, page: ListPage<AuditEntry>): Page<AuditContent> {
  const kept = keptFilters({ ...filters });
  return {
    page: frame('Audit trail', { text: 'Audit trail', href: '/audit' }),
    filters: { streamId: '', actor: '', type: '', recordedFrom: '', recordedTo: '', ...kept },
    entries: page.items.map((entry) => ({
      position: entry.position,
      recorded: londonDayAndTime(entry.recordedAt),
      actor: entry.actor ?? 'unknown',
      summary: shown(entry.summary),
      stream: `${entry.streamId} v${entry.streamVersion}`,
    })),
    next: page.nextCursor ? `/audit${queryOf({ ...kept, cursor: page.nextCursor })}` : null,
  };
}
