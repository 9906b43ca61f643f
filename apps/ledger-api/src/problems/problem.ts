/** An RFC 9457 problem, as every error of the API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, [code: string, title: string]> = {
  400: ['validation_failed', 'The request is not valid'],
  401: ['unauthenticated', 'Authentication is required'],
  403: ['forbidden', 'Not allowed'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  408: ['request_timeout', 'The request took too long to arrive'],
  413: ['payload_too_large', 'The request body is too large'],
  414: ['uri_too_long', 'The address is too long'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  422: ['unprocessable', 'The request cannot be carried out'],
  429: ['rate_limited', 'Too many requests'],
  431: ['headers_too_large', 'The request headers are too large'],
  503: ['unavailable', 'Service unavailable'],
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `https://decision-ledger.example/problems/${code.replaceAll('_', '-')}`;
}

/** The problem for a status, with the code and title the API uses for it unless told otherwise. */
export function problem(status: number, detail: string, overrides: Partial<Problem> = {}): Problem {
  const [code, title] = TITLES[status] ?? (status >= 500 ? ['internal_error', 'Internal error'] : ['request_failed', 'The request failed']);
  const chosenCode = overrides.code ?? code;
  return { type: problemType(chosenCode), title, status, detail, code: chosenCode, ...overrides };
}
