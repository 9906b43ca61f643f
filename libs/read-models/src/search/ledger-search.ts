import type { ReadModelReader } from '../projector/read-model-reader.js';

/** What a search finds: organisations, bodies and proposals whose name, title or id holds every word asked for. */
export interface SearchResults {
  organisations: { id: string; name: string; kind: string }[];
  bodies: { id: string; name: string; kind: string }[];
  proposals: { id: string; title: string; status: string; tabledOn: string }[];
}

/** How many of each a search answers at most. */
export const SEARCH_LIMIT = 20;

/** `%word%` for LIKE, the word's own `%`, `_` and backslash taken literally. */
const pattern = (word: string) => `%${word.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * Organisations and bodies by words in their name or id, proposals by words in their current title
 * or id: every word must appear (case aside). Proposals newest tabled first; the rest by name. Names
 * and titles are kept as JSON text (see the read models' migrations), which the words are looked for in.
 */
export async function searchLedger(reader: ReadModelReader, text: string, limit = SEARCH_LIMIT): Promise<SearchResults> {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 10).map(pattern);
  if (words.length === 0) return { organisations: [], bodies: [], proposals: [] };
  const every = (column: string) => `(SELECT bool_and(${column} LIKE w) FROM unnest($1::text[]) AS w)`;
  const [organisations, bodies, proposals] = await Promise.all([
    reader.query<{ id: string; name: string; kind: string }>(
      `SELECT organisation_id AS id, name, kind FROM organisations WHERE ${every(`lower(name::text || ' ' || organisation_id)`)} ORDER BY name::text LIMIT $2`,
      [words, limit],
    ),
    reader.query<{ id: string; name: string; kind: string }>(`SELECT body_id AS id, name, kind FROM bodies WHERE ${every(`lower(name::text || ' ' || body_id)`)} ORDER BY name::text LIMIT $2`, [words, limit]),
    reader.query<{ id: string; title: string; status: string; tabled_on: Date | string }>(
      `SELECT proposal_id AS id, title, status, tabled_on FROM proposals WHERE ${every(`lower(title || ' ' || proposal_id)`)}
       ORDER BY tabled_on DESC, proposal_id LIMIT $2`,
      [words, limit],
    ),
  ]);
  return {
    organisations,
    bodies,
    proposals: proposals.map((row) => ({ id: row.id, title: JSON.parse(row.title) as string, status: row.status, tabledOn: (row.tabled_on instanceof Date ? row.tabled_on : new Date(row.tabled_on)).toISOString() })),
  };
}
