/** Ids of organisations, bodies, posts, delegations and proposals: chosen by the client, readable in a trail. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;

export type Slug = string;

export function isSlug(value: unknown): value is Slug {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}
