/**
 * A deliberately small renderer for the package's adapter Visualforce page
 * (`force-app/main/default/pages/OpenCTIIndex.page`). It renders only what the harness can render honestly:
 * - `<apex:page …>`: the wrapper is dropped; known attributes are honoured (`applyHtmlTag`, `applyBodyTag`,
 *   `docType`, `title`, `controller`), harmless ones accepted; `showHeader` must be `false` (no Salesforce chrome here);
 * - `<apex:slds />` → the SLDS style sheet from `@salesforce-ux/design-system`;
 * - `<apex:includeScript value=…/>`, `<apex:stylesheet value=…/>` → `<script src>` / `<link rel=stylesheet>`;
 * - merge fields `{!$Resource.Name}` → `/resource/Name`, `{!URLFOR($Resource.Name, 'path/in/archive.js')}` →
 *   `/resource/Name/path/in/archive.js` (an archive — zip — static resource only, as Visualforce serves a file of an
 *   archive; `/resource/ns__Name…` with a namespace), `{!URLFOR($Asset.SLDS, 'assets/…')}` → the SLDS file the harness
 *   serves (a page with `<apex:slds/>` only, as `$Asset.SLDS` needs it), `{!$RemoteAction.Class.method}` → `Class.method` (with the
 *   org's namespace, `ns.Class.method`, as Visualforce qualifies a managed package's controller),
 *   `{!$Page.Name}` → `/apex/Name` (`/apex/ns__Name` with a namespace; a page of the harness's page folders, as
 *   Visualforce resolves `$Page` when saving),
 *   `{!$Label.Name}` → the Custom Label in the user's language (the `label` option),
 *   `{!$User.X}`, `{!$Organization.X}`, `{!$Api.X}`, `{!$Site.X}` of the harness user and org, wrapped or not in
 *   `JSENCODE()`, `HTMLENCODE()`,
 *   `URLENCODE()`, `JSINHTMLENCODE()`. A bare merge field is HTML-encoded (Visualforce escapes merge fields in markup).
 * Anything else (other `apex:`/`c:` components, formulas, controller properties) raises
 * {@link VisualforceRenderError} naming the construct. A page with a controller gets the remoting library
 * injected, as Visualforce adds `VFRemote.js` to pages whose controller has `@RemoteAction` methods.
 */

export class VisualforceRenderError extends Error {
  constructor(
    readonly construct: string,
    message: string,
  ) {
    super(`Visualforce render error: ${message} (${construct})`);
    this.name = 'VisualforceRenderError';
  }
}

export interface VisualforceGlobals {
  /** `$User` fields (Id, Name, FirstName, LastName, Email, Username, UITheme, UIThemeDisplayed, …). */
  user: Readonly<Record<string, string>>;
  /** `$Organization` fields (Id, Name). */
  organization: Readonly<Record<string, string>>;
  /** `$Api` fields (Session_ID, Enterprise_Server_URL_620, …). */
  api: Readonly<Record<string, string>>;
  /** `$Site` fields (Prefix, Domain, BaseUrl, …); empty strings outside a site, as on the platform. */
  site: Readonly<Record<string, string>>;
}

export interface RenderOptions {
  globals: VisualforceGlobals;
  /** Whether a static resource exists (else `$Resource.X` is a render error, as saving the page would be). */
  resourceExists: (name: string) => boolean;
  /** Whether a Visualforce page exists (else `$Page.X` is a render error, as saving the page would be). */
  pageExists: (name: string) => boolean;
  /**
   * Whether a static resource is an archive (a zip: a folder in source format), the only kind whose files `URLFOR`
   * can address. Default: none is.
   */
  resourceIsArchive?: (name: string) => boolean;
  /** URL of the SLDS style sheet served by the harness. */
  sldsHref: string;
  /** URL of the SLDS `assets/` folder served by the harness (`URLFOR($Asset.SLDS, 'assets/…')`); default: none. */
  sldsAssetsHref?: string;
  /** URL of the remoting stand-in script. */
  remotingScriptSrc: string;
  /** The package's namespace in the org (`''` or absent: none). */
  namespace?: string;
  /**
   * `$Label.Name` for the page's user: the package's Custom Label in their language (else its master value), or
   * `undefined` when the package has no such label (saving the page would fail). Absent: the page may name none.
   */
  label?: (name: string) => string | undefined;
}

const PAGE_ATTRIBUTES = new Set([
  'controller',
  'extensions',
  'showHeader',
  'sidebar',
  'standardStylesheets',
  'applyHtmlTag',
  'applyBodyTag',
  'docType',
  'lightningStylesheets',
  'title',
  'cache',
  'expires',
  'id',
  'showQuickActionVfHeader',
  'setup',
  'contentType',
  'language',
]);

const ATTR = /([A-Za-z_:][-\w:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(ATTR)) attrs.set(m[1]!, m[3] ?? m[4] ?? '');
  return attrs;
}

export function htmlEncode(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function jsEncode(s: string): string {
  return s.replace(/[\\'"\n\r<>&]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '<':
        return '\\u003C';
      case '>':
        return '\\u003E';
      case '&':
        return '\\u0026';
      default:
        return `\\${c}`;
    }
  });
}

/** Renders the page source to HTML; throws {@link VisualforceRenderError} for anything it cannot render. */
export function renderVisualforcePage(source: string, options: RenderOptions): string {
  const open = /<apex:page\b([^>]*?)(\/?)>/i.exec(source);
  if (!open) throw new VisualforceRenderError('apex:page', 'the page has no <apex:page> root');
  const closeIndex = source.lastIndexOf('</apex:page>');
  if (open[2] !== '/' && closeIndex < 0) throw new VisualforceRenderError('apex:page', 'missing </apex:page>');
  const outside = (source.slice(0, open.index) + (closeIndex >= 0 ? source.slice(closeIndex + 12) : '')).replace(
    /<!--[\s\S]*?-->/g,
    '',
  );
  if (outside.trim() !== '') throw new VisualforceRenderError('apex:page', 'content outside <apex:page>');
  const attrs = parseAttributes(open[1] ?? '');
  for (const name of attrs.keys()) {
    if (!PAGE_ATTRIBUTES.has(name))
      throw new VisualforceRenderError(`apex:page ${name}`, `unsupported attribute ${name}`);
  }
  if ((attrs.get('showHeader') ?? 'true') !== 'false')
    throw new VisualforceRenderError(
      'apex:page showHeader',
      'showHeader must be "false": the harness has no Salesforce header',
    );
  // Visualforce remoting serves the @RemoteAction methods of the page's controller and extensions only (Visualforce
  // Developer Guide, "Adding JavaScript Remoting to a Visualforce Page").
  const remotingClasses = new Set(
    [attrs.get('controller') ?? '', ...(attrs.get('extensions') ?? '').split(',')].map((c) => c.trim()).filter(Boolean),
  );
  let body = open[2] === '/' ? '' : source.slice(open.index + open[0].length, closeIndex);

  const withSlds = /<apex:slds\s*\/>/i.test(body);
  body = body.replace(/<apex:slds\s*\/>/gi, `<link rel="stylesheet" href="${options.sldsHref}">`);
  body = body.replace(/<apex:includeScript\b([^>]*)\/>/gi, (_m, a: string) => {
    const value = parseAttributes(a).get('value');
    if (value === undefined) throw new VisualforceRenderError('apex:includeScript', 'includeScript needs value');
    return `<script src="${value}"></script>`;
  });
  body = body.replace(/<apex:stylesheet\b([^>]*)\/>/gi, (_m, a: string) => {
    const value = parseAttributes(a).get('value');
    if (value === undefined) throw new VisualforceRenderError('apex:stylesheet', 'stylesheet needs value');
    return `<link rel="stylesheet" href="${value}">`;
  });
  const other =
    /<\/?((?:apex|c|chatter|flow|ideas|knowledge|liveAgent|messaging|site|social|support|topics|wave|analytics|ltng):[\w-]+)/i.exec(
      body,
    );
  if (other) throw new VisualforceRenderError(other[1]!, `unsupported component <${other[1]}>`);

  const pageOptions: PageOptions = { ...options, remotingClasses };
  body = body.replace(/\{!([\s\S]*?)\}/g, (_m, expr: string) => evaluate(expr.trim(), pageOptions, withSlds));

  const controller = attrs.get('controller');
  const injected = controller ? `<script src="${options.remotingScriptSrc}"></script>` : '';
  const doctype =
    attrs.get('docType') === 'html-5.0'
      ? '<!DOCTYPE html>'
      : '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">';
  const applyHtml = (attrs.get('applyHtmlTag') ?? 'true') !== 'false';
  const applyBody = (attrs.get('applyBodyTag') ?? 'true') !== 'false';
  const title = attrs.has('title') ? `<title>${htmlEncode(attrs.get('title')!)}</title>` : '';
  if (applyHtml && applyBody) return `${doctype}\n<html><head>${injected}${title}</head><body>${body}</body></html>`;
  const withHead = /<head\b[^>]*>/i.test(body)
    ? body.replace(/<head\b[^>]*>/i, (h) => `${h}${injected}${title}`)
    : `${injected}${title}${body}`;
  return applyHtml ? `${doctype}\n<html>${withHead}</html>` : `${doctype}\n${withHead}`;
}

const ENCODERS: Record<string, (s: string) => string> = {
  JSENCODE: jsEncode,
  HTMLENCODE: htmlEncode,
  URLENCODE: encodeURIComponent,
  JSINHTMLENCODE: (s) => jsEncode(htmlEncode(s)),
};

/** The render options with what the page's own attributes add. */
type PageOptions = RenderOptions & { readonly remotingClasses: ReadonlySet<string> };

function evaluate(expr: string, options: PageOptions, withSlds: boolean): string {
  const urlFor = /^URLFOR\s*\(\s*\$Resource\.(\w+)\s*,\s*'([^']*)'\s*\)$/.exec(expr);
  if (urlFor) return htmlEncode(resourceFileUrl(urlFor[1]!, urlFor[2]!, expr, options));
  const asset = /^URLFOR\s*\(\s*\$Asset\.SLDS\s*,\s*'assets\/([\w.-]+(?:\/[\w.-]+)*)'\s*\)$/.exec(expr);
  if (asset) {
    if (!withSlds || !options.sldsAssetsHref)
      throw new VisualforceRenderError(`{!${expr}}`, '$Asset.SLDS needs <apex:slds/> on the page');
    return htmlEncode(`${options.sldsAssetsHref}${asset[1]!}`);
  }
  const fn = /^([A-Z]+)\s*\(([\s\S]*)\)$/.exec(expr);
  if (fn) {
    const encoder = ENCODERS[fn[1]!];
    if (!encoder) throw new VisualforceRenderError(`{!${expr}}`, `unsupported function ${fn[1]}`);
    return encoder(value(fn[2]!.trim(), expr, options));
  }
  return htmlEncode(value(expr, expr, options));
}

/** `URLFOR($Resource.Name, 'path')`: a file inside an archive static resource. */
function resourceFileUrl(name: string, path: string, whole: string, options: RenderOptions): string {
  const construct = `{!${whole}}`;
  if (!options.resourceExists(name)) throw new VisualforceRenderError(construct, `no static resource named ${name}`);
  if (!(options.resourceIsArchive?.(name) ?? false))
    throw new VisualforceRenderError(
      construct,
      `${name} is not an archive (zip) static resource: URLFOR cannot address a file in it`,
    );
  if (!/^[\w.-]+(?:\/[\w.-]+)*$/.test(path) || path.split('/').includes('..'))
    throw new VisualforceRenderError(construct, `"${path}" is not a relative path inside the archive`);
  return `${resourceUrl(name, options)}/${path}`;
}

/**
 * A static resource's URL: Visualforce qualifies a managed package's resource with its namespace
 * (`/resource/<timestamp>/<ns>__Name`); the harness leaves the timestamp out, as its server accepts both.
 */
function resourceUrl(name: string, options: RenderOptions): string {
  return options.namespace ? `/resource/${options.namespace}__${name}` : `/resource/${name}`;
}

function value(path: string, whole: string, options: PageOptions): string {
  const construct = `{!${whole}}`;
  const m = /^\$(\w+)\.([\w.]+)$/.exec(path);
  if (!m)
    throw new VisualforceRenderError(
      construct,
      'only $Resource, $RemoteAction, $Page, $Label, $User, $Organization, $Api and $Site merge fields are supported',
    );
  const [, global, rest] = m as unknown as [string, string, string];
  switch (global) {
    case 'Resource':
      if (!options.resourceExists(rest))
        throw new VisualforceRenderError(construct, `no static resource named ${rest}`);
      return resourceUrl(rest, options);
    case 'Page':
      if (!/^\w+$/.test(rest) || !options.pageExists(rest))
        throw new VisualforceRenderError(construct, `no Visualforce page named ${rest}`);
      // Visualforce qualifies a managed package's page with its namespace: /apex/<ns>__Page.
      return options.namespace ? `/apex/${options.namespace}__${rest}` : `/apex/${rest}`;
    case 'RemoteAction':
      if (!/^\w+\.\w+$/.test(rest)) throw new VisualforceRenderError(construct, 'expected $RemoteAction.Class.method');
      if (!options.remotingClasses.has(rest.split('.')[0]!))
        throw new VisualforceRenderError(
          construct,
          `${rest.split('.')[0]} is neither the controller nor an extension of the page: Visualforce remoting serves only those`,
        );
      return options.namespace ? `${options.namespace}.${rest}` : rest;
    case 'Label': {
      const text = /^\w+$/.test(rest) ? options.label?.(rest) : undefined;
      if (text === undefined) throw new VisualforceRenderError(construct, `no Custom Label named ${rest}`);
      return text;
    }
    case 'User':
    case 'Organization':
    case 'Api':
    case 'Site': {
      const tables = {
        User: options.globals.user,
        Organization: options.globals.organization,
        Api: options.globals.api,
        Site: options.globals.site,
      };
      const table = tables[global];
      const v = table[rest];
      if (v === undefined)
        throw new VisualforceRenderError(construct, `the harness has no value for $${global}.${rest}`);
      return v;
    }
    default:
      throw new VisualforceRenderError(construct, `unsupported global $${global}`);
  }
}
