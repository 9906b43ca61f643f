import { frame, type Page } from '../page.js';

export interface SignInContent {
  returnTo: string;
  /** The error to show above the form and beside the field; null before a try. */
  error: string | null;
}

/** Where a reader may be sent back to after signing in: a path of this site, never another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export function presentSignIn(returnTo: unknown, error: string | null = null): Page<SignInContent> {
  return { page: frame(error ? 'Error: Sign in' : 'Sign in', { text: 'Sign in', href: '/sign-in' }), returnTo: safeReturnTo(returnTo), error };
}
