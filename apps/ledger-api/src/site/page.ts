/** A link as GOV.UK Frontend's components take it. */
export interface Link {
  text: string;
  href: string;
}

/** What every page gives the layout: its title (also the browser's) and where it sits. */
export interface PageFrame {
  title: string;
  breadcrumbs: Link[];
}

/** A presenter's answer: the frame and whatever the page's template shows. */
export type Page<Content extends object = object> = { page: PageFrame } & Content;

/** Breadcrumbs always start at the home page. */
export function frame(title: string, ...trail: Link[]): PageFrame {
  return { title, breadcrumbs: trail.length === 0 ? [] : [{ text: 'Home', href: '/' }, ...trail] };
}

/** A path segment as a URL carries it. */
export const segment = encodeURIComponent;

/** An option of a GOV.UK select. */
export interface Option {
  value: string;
  text: string;
  selected: boolean;
}

/** A filter's select: "Any" (no filter) first, then each value in words, the chosen one selected. */
export const options = (values: readonly string[], chosen: string | undefined, words: (value: string) => string, any = 'Any'): Option[] => [
  { value: '', text: any, selected: !chosen },
  ...values.map((value) => ({ value, text: words(value), selected: chosen === value })),
];

/** The filters a reader set (empty ones left out), to keep in the next page's address and fill the form again. */
export function keptFilters(filters: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** `?a=1&b=2` from the filters set, or nothing without any. */
export function queryOf(filters: Record<string, unknown>): string {
  const text = new URLSearchParams(keptFilters(filters)).toString();
  return text === '' ? '' : `?${text}`;
}
