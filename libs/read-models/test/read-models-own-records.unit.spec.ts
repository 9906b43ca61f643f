import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The read models fold events into records of their own, so that the deciders may change their
 * state without a migration of the rows. This checks it where it can be broken: no file that
 * projects rows or answers from them imports a decider or the deciders' state from the domain.
 * The domain's rules over recorded facts (`stepDecisions`, `termsAt`, …) and its events stay theirs
 * to use. `authority/` is exempt: it is the authority reader the commands share, folding streams
 * as the commands do.
 */
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** The deciders' state as `libs/governance/src/*\/*.state.ts` declares it. */
const DECIDER_STATE = new Set([
  'OrganisationState',
  'RegisteredOrganisation',
  'GoverningBodyTerm',
  'BodyState',
  'EstablishedBody',
  'Membership',
  'PostState',
  'CreatedPost',
  'PostHolding',
  'SchemeState',
  'Delegation',
  'Variation',
  'emptyScheme',
  'ProposalState',
  'TabledProposalState',
  'ProposalVersion',
  'RatificationRecord',
  'CallInRecord',
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'authority' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The names a file imports from the domain. */
function domainImports(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  return file.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== '@ledger/governance') return [];
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) return [];
    if (ts.isNamespaceImport(bindings)) return ['* as ' + bindings.name.text];
    return bindings.elements.map((element) => (element.propertyName ?? element.name).text);
  });
}

const isDeciderOrItsState = (name: string) => name.endsWith('Decider') || name.startsWith('* as ') || DECIDER_STATE.has(name);

describe('the read models keep records of their own', () => {
  const files = sourceFiles(SOURCE);

  it('finds the projections to check', () => {
    expect(files.map((path) => relative(SOURCE, path))).toEqual(expect.arrayContaining(['proposals/proposals.projection.ts', 'delegations/delegations.projection.ts']));
  });

  it.each(files.map((path) => [relative(SOURCE, path), path]))('%s imports no decider and none of its state', (_name, path) => {
    expect(domainImports(path).filter(isDeciderOrItsState)).toEqual([]);
  });
});
