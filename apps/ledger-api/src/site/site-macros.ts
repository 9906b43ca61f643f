import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type nunjucks from 'nunjucks';

/** What Nunjucks gives of a template, beside its rendering: the macros and variables its top level sets. */
interface ExportingTemplate {
  getExported(callback: (error: Error | null, exported: Record<string, unknown>) => void): void;
}

/**
 * The site's own macros (`site/views/partials`: the tag, the summary list, the decision list, …) as
 * globals of every template, each partial run once, here. A page that imported them instead
 * (`{% from "partials/…" import … %}`) ran each partial it named again on every render: a third of
 * what a proposal page took to render.
 */
export function shareSiteMacros(environment: nunjucks.Environment, views: string): void {
  const partials = readdirSync(join(views, 'partials')).filter((file) => file.endsWith('.njk') && /{%-?\s*macro\s/.test(readFileSync(join(views, 'partials', file), 'utf8')));
  for (const file of partials) {
    const template = environment.getTemplate(`partials/${file}`, true) as unknown as ExportingTemplate;
    template.getExported((error, exported) => {
      if (error) throw error;
      for (const [name, macro] of Object.entries(exported)) environment.addGlobal(name, macro);
    });
  }
}
