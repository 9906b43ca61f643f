/** A page an anonymous reader may not see here (LEDGER_PUBLIC_READ=false): they are sent to sign in, and back. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to read this ledger.');
    this.name = 'SignInRequired';
  }
}
