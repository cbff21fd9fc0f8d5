import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { readsAsMessage } from './apex-messages';

/** The org stand-in: it answers the package's Apex messages, which are Custom Labels (ADR 0032). */
export const STAND_IN_DIRS = ['cti-adapter/harness/org-stand-in'];

/**
 * The stand-in's ways of failing a request with a message the client shows (the message is the argument at `index`):
 * `invalid(field, message)`, `new RemoteApiError(code, message, field)`, `new RoutingError(code, message)` (CRM
 * routing endpoint), `new SettingsRuleError(path, message)`.
 */
export const MESSAGE_ARGUMENTS: Readonly<Record<string, number>> = {
  invalid: 1,
  RemoteApiError: 1,
  RoutingError: 1,
  SettingsRuleError: 1,
};

/** Literal messages a stand-in file may keep, and why. */
export interface AllowedStandInLiterals {
  /** The file, relative to the stand-in folder (`softphone-settings.ts`). */
  readonly file: string;
  /** Only literals matching this are accepted; absent: every literal message of the file. */
  readonly texts?: RegExp;
  readonly reason: string;
}

/** Kept short: each entry says why the stand-in does not answer the Apex label (ADR 0032, sixth amendment). */
export const ALLOWED_STAND_IN_LITERALS: readonly AllowedStandInLiterals[] = [
  {
    file: 'softphone-settings.ts',
    texts: /^Expected (true or false|a list|an object)\.$/,
    reason:
      'no Apex message: the package types the settings request, so a value of the wrong JSON type never reaches its rules (the platform refuses it); a diagnostic for the developer of a defective client',
  },
  {
    file: 'softphone-remote-api.ts',
    texts: /^(sms|queueMissed) must be true or false\.$|^fields must be an object\.$|^must be a string\.$/,
    reason:
      'no Apex message: these values are typed in the remote action (SoftphoneApi.MatchRequest.sms, CallLog.queueMissed, fields, the caller ID texts), so the platform refuses a wrong JSON type before Apex runs; a diagnostic for the developer of a defective client',
  },
];

/** The text of a string or template literal (a template's literal parts joined by a space), else null. */
function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ').trim();
  return null;
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | null {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/**
 * Literal messages in the org stand-in's failures (`LiteralMessage`): the package's Apex answers them with a Custom
 * Label in the running user's language, so the stand-in must answer the same label through `systemLabel` /
 * `ApexLabels` (`systemLabel('Apex_At_most_items', 10)`), never its own English — which the contract vectors, comparing
 * codes, do not see. Tests are not read. Literals of {@link ALLOWED_STAND_IN_LITERALS} are counted apart.
 */
export function checkStandInMessages(
  root: string = projectRoot,
  dirs: readonly string[] = STAND_IN_DIRS,
  allowed: readonly AllowedStandInLiterals[] = ALLOWED_STAND_IN_LITERALS,
): { findings: Finding[]; fileCount: number; byFile: Map<string, number>; allowedCount: number } {
  const findings: Finding[] = [];
  const byFile = new Map<string, number>();
  let fileCount = 0;
  let allowedCount = 0;
  for (const dir of dirs.map((d) => path.join(root, d)).filter((d) => existsSync(d))) {
    const files = listFiles(dir).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.split(path.sep).includes('__tests__'),
    );
    for (const file of files) {
      fileCount++;
      const local = path.relative(dir, file).split(path.sep).join('/');
      const rules = allowed.filter((a) => a.file === local);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
          const name = calleeName(node);
          const index = name === null ? undefined : MESSAGE_ARGUMENTS[name];
          const argument = index === undefined ? undefined : node.arguments[index];
          const text = argument ? literalText(argument) : null;
          if (argument && text !== null && readsAsMessage(text)) {
            if (rules.some((r) => !r.texts || r.texts.test(text))) allowedCount++;
            else {
              byFile.set(local, (byFile.get(local) ?? 0) + 1);
              findings.push({
                check: 'stand-in-messages',
                file: relative(projectRoot, file),
                line: source.getLineAndCharacterOfPosition(argument.getStart(source)).line + 1,
                rule: 'LiteralMessage',
                message: `${name}(…) fails with the literal '${text}': answer the Custom Label the package's Apex reads, systemLabel('Apex_…') (ADR 0032, sixth amendment)`,
              });
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { findings, fileCount, byFile, allowedCount };
}
