import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * Attributes whose value a user reads or hears (WAI-ARIA 1.2 "aria-label", "aria-description",
 * "aria-roledescription", "aria-valuetext"; HTML `title`, `placeholder`, `alt`) and the public properties of the
 * softphone's own components that render as such text (`label`, `alternative-text`).
 */
export const USER_FACING_ATTRIBUTES: ReadonlySet<string> = new Set([
  'title',
  'placeholder',
  'alt',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'label',
  'alternative-text',
  'message-when-value-missing',
  // Base components' text properties (Lightning Component Library: lightning-dual-listbox, lightning-input, the
  // package's own setting rows): a hint under a control, a list's heading, an inline help.
  'help',
  'field-level-help',
  'source-label',
  'selected-label',
  'message-when-bad-input',
  'message-when-pattern-mismatch',
  'message-when-too-long',
  'message-when-range-overflow',
  'message-when-range-underflow',
  'message-when-type-mismatch',
]);

/** A piece of user-facing text written literally in an LWC template. */
export interface TemplateText {
  /** `text` for a text node, else the attribute's name. */
  readonly kind: string;
  /** The text as the user reads it (entities decoded, white space collapsed). */
  readonly text: string;
  /** 1-based line of its first character. */
  readonly line: number;
  /** Offsets in the source of the literal (trimmed): `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** Whether a text node mixes literal words with `{expressions}` (it needs a label with placeholders). */
  readonly mixed: boolean;
}

/** Words: a letter of any script (a literal `:` or `·` or `–` alone is punctuation, not text to translate). */
const WORDS = /\p{L}/u;

/**
 * Every literal user-facing text of an LWC template (HTML text nodes outside `{…}` expressions, and the values of
 * {@link USER_FACING_ATTRIBUTES} that are not `{…}` expressions), in source order. The LWC template language binds
 * text only through `{property}` expressions (LWC Developer Guide, "HTML Templates"), so a literal is text that a
 * Custom Label cannot translate.
 */
export function templateTexts(source: string): TemplateText[] {
  const out: TemplateText[] = [];
  const lineAt = (offset: number): number => source.slice(0, offset).split('\n').length;
  const visit = (node: Node): void => {
    if (node.nodeName === '#text' && 'value' in node && node.sourceCodeLocation) {
      const raw = source.slice(node.sourceCodeLocation.startOffset, node.sourceCodeLocation.endOffset);
      const outside = raw.replace(/\{[^}]*\}/g, ' ');
      if (WORDS.test(outside)) {
        const lead = raw.length - raw.trimStart().length;
        const start = node.sourceCodeLocation.startOffset + lead;
        const end = node.sourceCodeLocation.startOffset + raw.trimEnd().length;
        out.push({
          kind: 'text',
          text: node.value.replace(/\s+/g, ' ').trim(),
          line: lineAt(start),
          start,
          end,
          mixed: /\{[^}]*\}/.test(raw),
        });
      }
      return;
    }
    if ('attrs' in node && node.sourceCodeLocation) {
      const element = node as Element;
      for (const attr of element.attrs) {
        if (!USER_FACING_ATTRIBUTES.has(attr.name)) continue;
        if (/^\s*\{[^}]*\}\s*$/.test(attr.value) || !WORDS.test(attr.value)) continue;
        const location = element.sourceCodeLocation?.attrs?.[attr.name];
        if (!location) continue;
        out.push({
          kind: attr.name,
          text: attr.value.replace(/\s+/g, ' ').trim(),
          line: location.startLine,
          start: location.startOffset,
          end: location.endOffset,
          mixed: false,
        });
      }
    }
    if ('content' in node && node.content) for (const child of node.content.childNodes) visit(child);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parseFragment(source, { sourceCodeLocationInfo: true }) as unknown as Node);
  return out.sort((a, b) => a.start - b.start);
}
