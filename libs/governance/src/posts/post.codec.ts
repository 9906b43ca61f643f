import { EventCodec, instant, orNull, text } from '../shared/event-codec.js';
import type { PostEvent } from './post.events.js';

/** A post's stream, read from the store. */
export const postCodec = new EventCodec<PostEvent>('post', {
  PostCreated: { schemaVersion: 1, fields: { postId: text, title: text, organisationId: text } },
  PostHolderRecorded: { schemaVersion: 1, fields: { postId: text, personName: text, startDate: instant, endDate: orNull(instant) } },
  PostHoldingEnded: { schemaVersion: 1, fields: { postId: text, personName: text, startDate: instant, endDate: instant, reason: orNull(text) } },
});
