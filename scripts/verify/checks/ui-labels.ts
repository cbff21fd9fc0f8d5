import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CustomLabelCatalog, SOFTPHONE_CATEGORY } from '../../../cti-adapter/harness/org-stand-in/custom-labels';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { codeTexts } from '../lib/code-text';
import { templateTexts } from '../lib/template-text';

/** Where the softphone's UI templates and code live, and the package's metadata (labels, translations). */
export const UI_DIRS = ['cti-adapter/src/ui'];
export const METADATA_DIR = 'force-app/main/default';
/** The package's Lightning web components (`@salesforce/label/c.<Name>`). */
export const LWC_DIRS = ['force-app/main/default/lwc'];
/** The package's Apex and its test-only Apex (`System.Label.<Name>`). */
export const APEX_DIRS = ['force-app/main/default/classes', 'unpackaged/main/default/classes'];
/** The one source of the softphone's notice codes and translated reason codes (ADR 0032, notices by code). */
export const NOTICES_FILE = 'cti-adapter/src/core/engine/notices.ts';
/** The Messages tab's texts of the messaging core: `interface MessagesTextParams`, labels `Sms_<CODE>`. */
export const MESSAGES_TEXT_FILE = 'cti-adapter/src/core/messaging/messages-text.ts';
/** Do-not-call's sentence, shared by calls and texts: `interface DoNotCallTextParams`, labels `Dnc_<CODE>`. */
export const DO_NOT_CALL_TEXT_FILE = 'cti-adapter/src/core/do-not-call/do-not-call-text.ts';

/**
 * The softphone speaks the user's language only through the package's Custom Labels (ADR 0032). Checks:
 * - `LiteralText`: a UI template (`*.html` under the UI and LWC folders) has user-facing text written literally — a
 *   text node outside `{…}`, or a `title`, `aria-label`, `placeholder`, `alt`, `label`… attribute with a literal
 *   value — that no translation can reach (write `{labels.<Name>}` and add the Custom Label); or a component's code
 *   (`*.ts`, `*.js`) has a literal that reads as text where the template shows it: a `label:`, `title:`, `text:`,
 *   `placeholder:`… property, a getter's return value, or a value of a `…_LABELS` table (`lib/code-text.ts`);
 * - `UnknownLabel`: softphone code names `labels.<Name>` that is no Custom Label of the `Softphone` category (the
 *   page would not pass it: the text would be empty), or a Lightning web component imports
 *   `@salesforce/label/c.<Name>` that the package does not have (the component would not save), or Apex names
 *   `System.Label.<Name>` that the package does not have (the class would not compile);
 * - `UntranslatedLabel`: a translation file lacks a label of the package, or translates it to an empty text (every
 *   language the package ships is complete);
 * - `OrphanTranslation`: a translation names a label the package does not have (deploying it fails);
 * - `PlaceholderMismatch`: a translation's `{0}`, `{1}`… differ from the master value's (the value would be lost or
 *   show as `{1}`);
 * - `NoticeWithoutLabel`: a notice code of `NoticeParams` (or a reason code of `NoticeReasonCode`) in the notices file
 *   has no `Notice_<CODE>` (`Reason_<CODE>`) label of the `Softphone` category: the agent would read the English
 *   message whatever the language (its French is required by `UntranslatedLabel` like every label's);
 * - `NoticePlaceholder`: a `Notice_<CODE>` or `Notice_<CODE>_one` label names a placeholder beyond the parameters its
 *   code declares (it would show as `{2}`).
 * The same two rules hold for the Messages tab's texts: every code of `MessagesTextParams` in the messages-text file
 * has its `Sms_<CODE>` label, with no placeholder beyond its parameters (ADR 0032, "The softphone's last English
 * texts"), and for do-not-call's sentence: every code of `DoNotCallTextParams` has its `Dnc_<CODE>` label (seventh
 * amendment).
 *
 * @param root absolute folder the other arguments are relative to (the repository, or a fixture)
 */
export function checkUiLabels(
  root: string = projectRoot,
  uiDirs: readonly string[] = UI_DIRS,
  metadataDir: string = METADATA_DIR,
  lwcDirs: readonly string[] = LWC_DIRS,
  noticesFile: string = NOTICES_FILE,
  apexDirs: readonly string[] = APEX_DIRS,
): { findings: Finding[]; templateCount: number; codeCount: number; labelCount: number; languages: string[] } {
  const findings: Finding[] = [];
  const report = (file: string, line: number, rule: string, message: string): void => {
    findings.push({ check: 'ui-labels', file: relative(projectRoot, file), line, rule, message });
  };
  const catalog = CustomLabelCatalog.fromFolder(path.join(root, metadataDir));
  const softphone = new Set(catalog.inCategory(SOFTPHONE_CATEGORY).map((l) => l.name));
  const under = (dirs: readonly string[]): string[] =>
    dirs
      .flatMap((dir) => (existsSync(path.join(root, dir)) ? listFiles(path.join(root, dir)) : []))
      .filter((f) => !f.includes(`${path.sep}__tests__${path.sep}`));
  const files = under(uiDirs);
  const lwcFiles = under(lwcDirs);
  const templates = [...files, ...lwcFiles].filter((f) => f.endsWith('.html'));
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
  // A literal equal to a label's API name is a reference the code resolves (`labels[choice.label]`), not text.
  const isLabelName = (text: string): boolean => catalog.label(text) !== undefined;
  const componentCode = [...files, ...lwcFiles].filter((f) => /\.(ts|js)$/.test(f) && !/\.(generated|d)\.ts$/.test(f));
  for (const file of componentCode) {
    for (const text of codeTexts(readFileSync(file, 'utf8'), file, isLabelName)) {
      report(
        file,
        text.line,
        'LiteralText',
        `user-facing text "${text.text}" (${text.where}) is not a Custom Label: use labels.<Name> or @salesforce/label (ADR 0032)`,
      );
    }
  }
  for (const file of lwcFiles.filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/['"]@salesforce\/label\/c\.(\w+)['"]/g)) {
      if (catalog.label(m[1]!)) continue;
      report(
        file,
        source.slice(0, m.index).split('\n').length,
        'UnknownLabel',
        `@salesforce/label/c.${m[1]} is no Custom Label of the package (labels/CustomLabels.labels-meta.xml)`,
      );
    }
  }
  const code = files.filter((f) => /\.(html|ts)$/.test(f) && !f.endsWith('.generated.ts'));
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
  for (const file of under(apexDirs).filter((f) => f.endsWith('.cls'))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\bSystem\.Label\.(\w+)/gi)) {
      if (catalog.label(m[1]!)) continue;
      report(
        file,
        source.slice(0, m.index).split('\n').length,
        'UnknownLabel',
        `System.Label.${m[1]} is no Custom Label of the package (labels/CustomLabels.labels-meta.xml)`,
      );
    }
  }
  const codedTexts = (file: string, codes: readonly DeclaredNoticeCode[], prefix: string, what: string): void => {
    for (const notice of codes) {
      const name = `${prefix}${notice.code}`;
      if (!softphone.has(name)) {
        report(
          file,
          notice.line,
          'NoticeWithoutLabel',
          `${what} ${notice.code} has no ${SOFTPHONE_CATEGORY} label ${name}: add it with its French (ADR 0032)`,
        );
        continue;
      }
      for (const variant of [name, `${name}_one`]) {
        const label = catalog.label(variant);
        const beyond = (label?.value.match(/\{\d+\}/g) ?? []).filter((p) => Number(p.slice(1, -1)) >= notice.params);
        if (label && beyond.length > 0)
          report(
            path.join(root, metadataDir, 'labels', 'CustomLabels.labels-meta.xml'),
            label.line,
            'NoticePlaceholder',
            `${variant} uses ${[...new Set(beyond)].join(' ')} but ${what} ${notice.code} has ${notice.params} parameter(s)`,
          );
      }
    }
  };
  const noticesPath = path.join(root, noticesFile);
  if (existsSync(noticesPath)) {
    const { codes, reasons } = readNoticeCodes(readFileSync(noticesPath, 'utf8'));
    codedTexts(noticesPath, codes, 'Notice_', 'notice');
    for (const reason of reasons) {
      if (softphone.has(`Reason_${reason.code}`)) continue;
      report(
        noticesPath,
        reason.line,
        'NoticeWithoutLabel',
        `reason ${reason.code} has no ${SOFTPHONE_CATEGORY} label Reason_${reason.code}: add it with its French (ADR 0032)`,
      );
    }
  }
  const messagesPath = path.join(root, MESSAGES_TEXT_FILE);
  if (existsSync(messagesPath)) {
    const { codes } = readNoticeCodes(readFileSync(messagesPath, 'utf8'), 'MessagesTextParams');
    codedTexts(messagesPath, codes, 'Sms_', 'Messages text');
  }
  const doNotCallPath = path.join(root, DO_NOT_CALL_TEXT_FILE);
  if (existsSync(doNotCallPath)) {
    const { codes } = readNoticeCodes(readFileSync(doNotCallPath, 'utf8'), 'DoNotCallTextParams');
    codedTexts(doNotCallPath, codes, 'Dnc_', 'do-not-call text');
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
    const missing = catalog.labels.map((l) => l.name).filter((name) => !names.has(name));
    if (missing.length > 0)
      report(
        file,
        0,
        'UntranslatedLabel',
        `${missing.length} label(s) not translated to ${language}: ${missing.join(', ')}`,
      );
  }
  return {
    findings,
    templateCount: templates.length,
    codeCount: componentCode.length,
    labelCount: softphone.size,
    languages: catalog.languages,
  };
}

/** A notice code (or a reason code) as the notices file declares it, with its line and its number of parameters. */
export interface DeclaredNoticeCode {
  readonly code: string;
  readonly line: number;
  readonly params: number;
}

/**
 * The notice codes of `interface NoticeParams` (`CODE: readonly [a: string, b: NoticeReason];`, one per line) and the
 * reason codes of `type NoticeReasonCode` (`| 'CODE'`) in the notices file's source.
 */
export function readNoticeCodes(
  source: string,
  paramsInterface = 'NoticeParams',
): { codes: DeclaredNoticeCode[]; reasons: DeclaredNoticeCode[] } {
  const lineOf = (index: number): number => source.slice(0, index).split('\n').length;
  const body = (start: RegExp, end: string): { text: string; at: number } => {
    const m = start.exec(source);
    if (!m) return { text: '', at: 0 };
    const from = m.index + m[0].length;
    return { text: source.slice(from, source.indexOf(end, from)), at: from };
  };
  const params = body(new RegExp(`export interface ${paramsInterface}\\s*\\{`), '\n}');
  const codes = [...params.text.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:\s*readonly\s*\[([^\]]*)\]/gm)].map((m) => ({
    code: m[1]!,
    line: lineOf(params.at + m.index),
    params: m[2]!.trim() === '' ? 0 : m[2]!.split(',').filter((p) => p.trim() !== '').length,
  }));
  const union = body(/export type NoticeReasonCode\s*=/, ';');
  const reasons = [...union.text.matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((m) => ({
    code: m[1]!,
    line: lineOf(union.at + m.index),
    params: 0,
  }));
  return { codes, reasons };
}
