import type { RatificationView } from '@ledger/read-models';
import { frame, type Page } from '../page.js';
import { londonDay, londonDayAndTime } from '../plain-english.js';
import { decisionLine, nameOf, type DecisionLine, type Names } from './decision-summary.js';

export interface CallInsContent {
  /** Decisions still inside their call-in period, the one closing soonest first. */
  open: (DecisionLine & { closes: string })[];
  /** Call-ins lodged, newest first, with their outcomes. */
  lodged: { decision: DecisionLine; by: string; lodgedOn: string; reason: string; outcome: string }[];
}

/** Call-ins: what scrutiny can still call in, and what it did. */
export function presentCallIns(open: RatificationView[], lodged: RatificationView[], names: Names): Page<CallInsContent> {
  return {
    page: frame('Call-ins', { text: 'Call-ins', href: '/call-ins' }),
    open: [...open]
      .filter((decision) => decision.callInUntil !== null)
      .sort((a, b) => Date.parse(a.callInUntil!) - Date.parse(b.callInUntil!))
      .map((decision) => ({ ...decisionLine(decision, names), closes: londonDayAndTime(decision.callInUntil!) })),
    lodged: lodged
      .flatMap((decision) => decision.callIns.map((callIn) => ({ decision, callIn })))
      .sort((a, b) => Date.parse(b.callIn.lodgedOn) - Date.parse(a.callIn.lodgedOn))
      .map(({ decision, callIn }) => ({
        decision: decisionLine(decision, names),
        by: nameOf(names, callIn.scrutinyBodyId),
        lodgedOn: londonDay(callIn.lodgedOn),
        reason: callIn.reason,
        outcome: callIn.resolution
          ? `${callIn.resolution.outcome === 'referred-back' ? 'Referred back: the decision was set aside' : 'No further action: the decision stands'} (${londonDay(callIn.resolution.resolvedOn)})`
          : 'Not yet resolved',
      })),
  };
}

export const callInNameIds = (decisions: readonly RatificationView[]): string[] => decisions.flatMap((decision) => [decision.deciderId, ...decision.callIns.map((callIn) => callIn.scrutinyBodyId)]);
