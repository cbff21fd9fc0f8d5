import ts from 'typescript';

/**
 * Properties whose string value a user reads or hears when a template renders it: the fields of the view objects the
 * UI components hand their templates (`{ label, title, text, … }`) and their `@api` defaults of the same names.
 */
export const TEXT_PROPERTIES: ReadonlySet<string> = new Set([
  'label',
  'title',
  'text',
  'placeholder',
  'heading',
  'note',
  'hint',
  'message',
  'ariaLabel',
  'alternativeText',
  'description',
  'detail',
  'preview',
  'caption',
  'helpText',
  'testLabel',
  'emptyText',
]);

/** Getters whose value is markup, not text: CSS classes, element ids, styles, keys (`badgeClass`, `noteId`). */
const MARKUP_GETTER = /(?:Class|ClassName|Id|Style|Key|Href|Url|Tag|Icon)$/;

/** A piece of user-facing text written literally in UI code. */
export interface CodeText {
  /** `get <name>` for a getter's return value, else `<property>:` (an object property or a class field). */
  readonly where: string;
  /** The literal's text (a template literal's fixed parts around `${…}`). */
  readonly text: string;
  /** 1-based line of the literal. */
  readonly line: number;
}

/**
 * Whether a literal reads as words for a person rather than as code: it has a capitalised word (`Saving…`, `From
 * {0}`) or two words apart (`no value for`), and is not a list of code tokens (`slds-button slds-button_neutral`,
 * `softphone-row`: every token kebab- or snake-case), a number format (`0:00`) or a name of `isReference` (a Custom
 * Label's API name, which the code resolves through `labels[…]`).
 */
export function readsAsText(text: string, isReference: (text: string) => boolean = () => false): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || isReference(trimmed)) return false;
  const tokens = trimmed.split(/\s+/);
  if (tokens.every((t) => /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(t) && (tokens.length === 1 || /[-_]/.test(t))))
    return false;
  return /\p{Lu}\p{Ll}+/u.test(trimmed) || /\p{L}+\s+\p{L}{2,}/u.test(trimmed);
}

/** The literal strings an expression evaluates to as a whole: through `a ? b : c`, `a ?? b`, `a || b`, `(a)`. */
function literalLeaves(
  node: ts.Expression,
): (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return literalLeaves(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalLeaves(node.whenTrue), ...literalLeaves(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return [...literalLeaves(node.left), ...literalLeaves(node.right)];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return [node];
  return [];
}

/** A literal's fixed text, each `${…}` of a template literal as `substitution`. */
function literalText(
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression,
  substitution: string,
): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => `${substitution}${span.literal.text}`).join('');
}

/** Names of module constants that are tables of texts (`STATUS_LABELS`, `EMPTY_TEXT`, `ERROR_MESSAGES`, `SCOPE_NAMES`). */
const TEXT_TABLE = /(?:LABELS?|TEXTS?|MESSAGES?|NAMES)$/;

function propertyName(name: ts.PropertyName): string | null {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null;
}

/**
 * The user-facing text written literally in a UI component's code (TypeScript or JavaScript), by one rule: a literal
 * string is text the agent reads when it is (1) the value of a property named as text ({@link TEXT_PROPERTIES}: an
 * object literal's `label: 'Never'`, a class field `@api label = 'Keypad'`), or (2) what a getter returns — the
 * templates bind getters — unless the getter's name says markup (`…Class`, `…Id`, …); in both, every value the
 * expression can take counts (`a ? 'Saving…' : 'Save'`, `x ?? 'A record'`), and only literals that read as text
 * ({@link readsAsText}); (3) a value of a module table named as texts (`const STATUS_LABELS = { Sent: 'Sent' }`,
 * {@link TEXT_TABLE}). Not text: arguments of calls (`formatLabel(labels.X, name)`, `new Error('…')` — errors are
 * the engine's, ADR 0032), comparisons, and literals inside nested functions of a getter that are not returned by it.
 */
export function codeTexts(source: string, fileName: string, isReference?: (text: string) => boolean): CodeText[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: CodeText[] = [];
  const add = (where: string, expression: ts.Expression | undefined): void => {
    if (!expression) return;
    for (const leaf of literalLeaves(expression)) {
      if (readsAsText(literalText(leaf, ' '), isReference))
        found.push({
          where,
          text: literalText(leaf, '${…}'),
          line: file.getLineAndCharacterOfPosition(leaf.getStart(file)).line + 1,
        });
    }
  };
  const returnsOf = (body: ts.Node, where: string): void => {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return; // a nested function's returns are not the getter's value
      if (ts.isReturnStatement(node)) add(where, node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
  };
  const inTextTable = (node: ts.PropertyAssignment): boolean => {
    let table: ts.Node = node.parent;
    // Through `as …`, `satisfies …` and `Object.freeze(…)` to the declaration.
    while (
      ts.isAsExpression(table.parent) ||
      ts.isSatisfiesExpression(table.parent) ||
      (ts.isCallExpression(table.parent) && table.parent.expression.getText() === 'Object.freeze')
    )
      table = table.parent;
    const declaration = table.parent;
    return (
      ts.isVariableDeclaration(declaration) &&
      ts.isIdentifier(declaration.name) &&
      TEXT_TABLE.test(declaration.name.text)
    );
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
      const name = propertyName(node.name);
      if (name && TEXT_PROPERTIES.has(name)) add(`${name}:`, node.initializer);
      else if (name && ts.isPropertyAssignment(node) && inTextTable(node)) add(`${name}:`, node.initializer);
    } else if (ts.isGetAccessorDeclaration(node) && node.body) {
      const name = propertyName(node.name);
      if (name && !MARKUP_GETTER.test(name)) returnsOf(node.body, `get ${name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
