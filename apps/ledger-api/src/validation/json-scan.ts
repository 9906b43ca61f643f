/** How deep a command's JSON may nest: a ratification, the deepest, nests four levels. */
export const MAX_JSON_DEPTH = 32;
/** The longest list any command takes (an API key's bodies); each field's own cap is lower or equal. */
export const MAX_LIST_ITEMS = 500;
/** The longest text any command takes (a proposal's summary, a decision's reasons); each field's own cap is lower or equal. */
export const MAX_TEXT_LENGTH = 50_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

interface Container {
  array: boolean;
  /** Commas seen in it: in a list, the index of the item being read. */
  commas: number;
  /** In an object, the byte range of the key whose value is being read. */
  key: [start: number, end: number] | null;
}

/** Where in its container a value stands: `[3]` in a list, `.scopes` in an object. */
function stepInto(json: Buffer, container: Container, first: boolean): string {
  if (container.array) return `[${container.commas}]`;
  const key = container.key ? json.toString('utf8', container.key[0], container.key[1]) : '?';
  return first ? key : `.${key}`;
}

/** `route[3].scopes`: where the value being read at `depth` stands (`depth` 0: the body itself). */
function placeOf(json: Buffer, stack: readonly Container[], depth: number): string {
  let place = '';
  for (let level = 0; level < depth; level++) place += stepInto(json, stack[level], place === '');
  return place || 'the body';
}

/**
 * What makes a JSON body one no command takes — nested deeper than MAX_JSON_DEPTH, a list longer
 * than MAX_LIST_ITEMS, a text longer than MAX_TEXT_LENGTH — said in a sentence that names where;
 * null when there is none. Read in one pass over the bytes, before the body is parsed: so that a
 * body built to hold the process (a recursion thousands deep, a list the validators would compare
 * with itself, item by item) costs no more than reading it. Texts are counted as JavaScript
 * counts them (UTF-16 units), an escape as what it stands for. Malformed JSON is left to the parser.
 */
export function refusalOf(json: Buffer): string | null {
  const stack: Container[] = [];
  let depth = 0;
  for (let index = 0; index < json.length; index++) {
    const byte = json[index];
    if (byte === QUOTE) {
      const start = index + 1;
      let length = 0;
      for (index = start; index < json.length && json[index] !== QUOTE; index++) {
        const unit = json[index];
        if (unit === BACKSLASH) {
          index += json[index + 1] === 0x75 ? 5 : 1; // \uXXXX or \n
          length++;
        } else if (unit < 0x80 || unit >= 0xc0) length += unit >= 0xf0 ? 2 : 1; // a lead byte; four-byte characters are two units
      }
      const container = stack[depth - 1];
      if (length > MAX_TEXT_LENGTH) return `${placeOf(json, stack, depth)} is ${length.toLocaleString('en-GB')} characters long; no field takes more than ${MAX_TEXT_LENGTH.toLocaleString('en-GB')}.`;
      if (container && !container.array) container.key ??= [start, index];
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > MAX_JSON_DEPTH) return `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels; no command of the ledger needs more than a few.`;
      stack[depth - 1] = { array: byte === OPEN_ARRAY, commas: 0, key: null };
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth = Math.max(0, depth - 1);
    } else if (byte === COMMA && depth > 0) {
      const container = stack[depth - 1];
      container.commas++;
      if (!container.array) container.key = null;
      else if (container.commas + 1 > MAX_LIST_ITEMS) {
        const items = itemsFrom(json, index + 1) + container.commas;
        return `${placeOf(json, stack, depth - 1)} holds ${items.toLocaleString('en-GB')} items; no list takes more than ${MAX_LIST_ITEMS}.`;
      }
    }
  }
  return null;
}

/** The items left in the list being read from `start` (its commas at its own level, and the last item), for saying how long it is. */
function itemsFrom(json: Buffer, start: number): number {
  let nested = 0;
  let commas = 0;
  for (let index = start; index < json.length; index++) {
    const byte = json[index];
    if (byte === QUOTE) {
      for (index++; index < json.length && json[index] !== QUOTE; index++) if (json[index] === BACKSLASH) index++;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) nested++;
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (nested-- === 0) break;
    } else if (byte === COMMA && nested === 0) commas++;
  }
  return commas + 1;
}
