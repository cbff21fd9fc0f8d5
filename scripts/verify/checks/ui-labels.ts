import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CustomLabelCatalog, SOFTPHONE_CATEGORY } from '../../../cti-adapter/harness/org-stand-in/custom-labels';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { templateTexts } from '../lib/template-text';

/** Where the softphone's UI templates and code live, and the package's metadata (labels, translations). */
export const UI_DIRS = ['cti-adapter/src/ui'];
export const METADATA_DIR = 'force-app/main/default';

/**
 * The softphone speaks the user's language only through the package's Custom Labels (ADR 0032). Checks:
 * - `LiteralText`: a UI template (`*.html` under the UI folders) has user-facing text written literally — a text node
 *   outside `{…}`, or a `title`, `aria-label`, `placeholder`, `alt`, `label`… attribute with a literal value — that
 *   no translation can reach (write `{labels.<Name>}` and add the Custom Label);
 * - `UnknownLabel`: a template or code names `labels.<Name>` that is no Custom Label of the `Softphone` category (the
 *   page would not pass it: the text would be empty);
 * - `UntranslatedLabel`: a translation file lacks a `Softphone` label, or translates it to an empty text (every
 *   language the package ships is complete);
 * - `OrphanTranslation`: a translation names a label the package does not have (deploying it fails);
 * - `PlaceholderMismatch`: a translation's `{0}`, `{1}`… differ from the master value's (the value would be lost or
 *   show as `{1}`).
 *
 * @param root absolute folder the other arguments are relative to (the repository, or a fixture)
 */
export function checkUiLabels(
  root: string = projectRoot,
  uiDirs: readonly string[] = UI_DIRS,
  metadataDir: string = METADATA_DIR,
): { findings: Finding[]; templateCount: number; labelCount: number; languages: string[] } {
  const findings: Finding[] = [];
  const report = (file: string, line: number, rule: string, message: string): void => {
    findings.push({ check: 'ui-labels', file: relative(projectRoot, file), line, rule, message });
  };
  const catalog = CustomLabelCatalog.fromFolder(path.join(root, metadataDir));
  const softphone = new Set(catalog.inCategory(SOFTPHONE_CATEGORY).map((l) => l.name));
  const files = uiDirs.flatMap((dir) => (existsSync(path.join(root, dir)) ? listFiles(path.join(root, dir)) : []));
  const templates = files.filter((f) => f.endsWith('.html') && !f.includes(`${path.sep}__tests__${path.sep}`));
  for (const file of templates) {
    const source = readFileSync(file, 'utf8');
    for (const text of templateTexts(source)) {
      const where = text.kind === 'text' ? 'text' : `${text.kind}="…"`;
      report(
        file,
        text.line,
        'LiteralText',
        `user-facing ${where} "${text.text}" is not a Custom Label: write {labels.<Name>} and add the label (ADR 0032)`,
      );
    }
  }
  const code = files.filter(
    (f) => /\.(html|ts)$/.test(f) && !f.endsWith('.generated.ts') && !f.includes(`${path.sep}__tests__${path.sep}`),
  );
  for (const file of code) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?<![\w/.])labels(?:\.(\w+)|\[\s*'(\w+)'\s*\])/g)) {
      const name = m[1] ?? m[2]!;
      if (softphone.has(name)) continue;
      report(
        file,
        source.slice(0, m.index).split('\n').length,
        'UnknownLabel',
        `labels.${name} is no Custom Label of the ${SOFTPHONE_CATEGORY} category (labels/CustomLabels.labels-meta.xml)`,
      );
    }
  }
  const placeholders = (text: string): string => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort().join(' ');
  for (const language of catalog.languages) {
    const file = path.join(root, metadataDir, 'translations', `${language}.translation-meta.xml`);
    const translated = catalog.translationsOf(language);
    for (const t of translated) {
      const label = catalog.label(t.name);
      if (!label) {
        report(file, t.line, 'OrphanTranslation', `${t.name} is no Custom Label of the package`);
        continue;
      }
      if (t.label.trim() === '') report(file, t.line, 'UntranslatedLabel', `${t.name} is translated to an empty text`);
      else if (placeholders(t.label) !== placeholders(label.value))
        report(
          file,
          t.line,
          'PlaceholderMismatch',
          `${t.name}: "${t.label}" has placeholders {${placeholders(t.label)}}, the master value "${label.value}" {${placeholders(label.value)}}`,
        );
    }
    const names = new Set(translated.map((t) => t.name));
    const missing = [...softphone].filter((name) => !names.has(name));
    if (missing.length > 0)
      report(
        file,
        0,
        'UntranslatedLabel',
        `${missing.length} ${SOFTPHONE_CATEGORY} label(s) not translated to ${language}: ${missing.join(', ')}`,
      );
  }
  return { findings, templateCount: templates.length, labelCount: softphone.size, languages: catalog.languages };
}
