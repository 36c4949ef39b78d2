import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces (or appends) the section of a docs page that starts with `heading` (a "## " line), up to
 * the next "## " heading, keeping every other section: each benchmark owns one section of the page.
 */
export function writeDocsSection(path: string, heading: string, section: string): void {
  const page = readFileSync(path, 'utf8');
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) {
    writeFileSync(path, `${page.trimEnd()}\n\n${section}`);
    return;
  }
  const next = page.indexOf('\n## ', start + 1);
  writeFileSync(path, `${page.slice(0, start + 1)}${section}${next < 0 ? '' : `\n${page.slice(next + 1)}`}`);
}
