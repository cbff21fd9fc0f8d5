import { renderVisualforcePage, VisualforceRenderError, type RenderOptions } from '../visualforce-page-renderer';
import { BrowserScriptCompiler } from '../browser-script-compiler';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { CustomLabelCatalog } from '../../org-stand-in/custom-labels';

const options: RenderOptions = {
  globals: {
    user: { Id: '005000000000001AAA', Name: 'Alex <Agent>', FirstName: "O'Neil" },
    organization: { Id: '00D000000000001AAA', Name: 'Harness Org' },
    api: { Session_ID: 'S1' },
    site: { Prefix: '' },
  },
  resourceExists: (name) => name === 'SoftphoneBundle',
  pageExists: (name) => name === 'RingCentralOAuthCallback',
  resourceIsArchive: (name) => name === 'SoftphoneBundle',
  sldsHref: '/slds/styles/slds.css',
  sldsAssetsHref: '/slds/',
  remotingScriptSrc: '/jslibrary/remoting.js',
};

const page = (body: string, attrs = 'showHeader="false" sidebar="false" docType="html-5.0"'): string =>
  `<apex:page ${attrs}>${body}</apex:page>`;

describe('Visualforce page renderer', () => {
  it('renders URLFOR($Asset.SLDS, …) as the SLDS file the harness serves, on a page with <apex:slds/> only', () => {
    const sprite = `<div data-icons="{!URLFOR($Asset.SLDS, 'assets/icons/utility-sprite/svg/symbols.svg')}"></div>`;
    expect(renderVisualforcePage(page(`<apex:slds />${sprite}`), options)).toContain(
      'data-icons="/slds/icons/utility-sprite/svg/symbols.svg"',
    );
    expect(() => renderVisualforcePage(page(sprite), options)).toThrow('$Asset.SLDS needs <apex:slds/> on the page');
  });

  it('renders the package page OpenCTIIndex with the org and user ids that key the agent storage', () => {
    const source = readFileSync(join(__dirname, '../../../../force-app/main/default/pages/OpenCTIIndex.page'), 'utf8');
    const user = {
      Id: '005000000000001AAA',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
      UIThemeDisplayed: 'Theme4d',
    };
    const labels = CustomLabelCatalog.fromFolder();
    const html = renderVisualforcePage(source, {
      ...options,
      globals: { ...options.globals, user },
      label: (name) => labels.value(name, 'en_US'),
    });
    expect(html).toContain('data-org-id="00D000000000001AAA"');
    // The softphone's labels, one element each, in the user's language (ADR 0032).
    expect(html).toContain('<span data-label="Answer">Answer</span>');
    const french = renderVisualforcePage(source, {
      ...options,
      globals: { ...options.globals, user: { ...user, LanguageLocaleKey: 'fr', LocaleSidKey: 'fr_FR' } },
      label: (name) => labels.value(name, 'fr'),
    });
    expect(french).toContain('<span data-label="Answer">Répondre</span>');
    expect(html).toContain('data-user-id="005000000000001AAA"');
    // The bundle: the boot module, an async ES module of the zip resource, right after the config it reads, and the
    // first-paint chunk (ADR 0018); the SDK's chunk preloaded; the style sheet inert in a template until the UI mounts.
    expect(html).toContain(
      '<script type="module" async="async" src="/resource/SoftphoneBundle/softphone-boot.js"></script>',
    );
    expect(html).toContain(
      '<script type="module" async="async" src="/resource/SoftphoneBundle/softphone.js"></script>',
    );
    expect(html.indexOf('id="softphone-config"')).toBeLessThan(
      html.indexOf('src="/resource/SoftphoneBundle/softphone-boot.js"'),
    );
    expect(html).toContain('<link rel="modulepreload" href="/resource/SoftphoneBundle/default-sdk.js" />');
    expect(html).toMatch(/<template id="softphone-styles"><link rel="stylesheet" href="[^"]+"><\/template>/);
  });

  it('renders $Label in the user language, escaped as text, and refuses a label the package does not have', () => {
    const label = (name: string): string | undefined => ({ Greeting: 'Tom & <Jerry>' })[name];
    expect(renderVisualforcePage(page('<p>{!$Label.Greeting}</p>'), { ...options, label })).toContain(
      '<p>Tom &amp; &lt;Jerry&gt;</p>',
    );
    expect(() => renderVisualforcePage(page('<p>{!$Label.Missing}</p>'), { ...options, label })).toThrow(
      'no Custom Label named Missing',
    );
  });

  it('renders the adapter page constructs', () => {
    const html = renderVisualforcePage(
      page(
        `<apex:slds /><div id="softphone-config" data-match="{!$RemoteAction.SoftphoneController.matchNumbers}" data-user="{!$User.Id}"></div>` +
          `<script src="/support/api/62.0/lightning/opencti_min.js"></script><script src="{!$Resource.SoftphoneBundle}"></script>`,
        'controller="SoftphoneController" showHeader="false" sidebar="false" standardStylesheets="false" docType="html-5.0" title="Softphone"',
      ),
      options,
    );
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<link rel="stylesheet" href="/slds/styles/slds.css">');
    expect(html).toContain('data-match="SoftphoneController.matchNumbers"');
    expect(html).toContain('data-user="005000000000001AAA"');
    expect(html).toContain('<script src="/resource/SoftphoneBundle"></script>');
    expect(html).toContain('<head><script src="/jslibrary/remoting.js"></script><title>Softphone</title></head>');
    expect(html).not.toContain('apex:');
  });

  it('renders $Page as the page URL and $Organization, and refuses a page that does not exist', () => {
    const html = renderVisualforcePage(
      page(`<div data-redirect="{!HTMLENCODE($Page.RingCentralOAuthCallback)}" data-org="{!$Organization.Id}"></div>`),
      options,
    );
    expect(html).toContain('data-redirect="/apex/RingCentralOAuthCallback"');
    expect(html).toContain('data-org="00D000000000001AAA"');
    expect(() => renderVisualforcePage(page('<a href="{!$Page.OAuthCallbackHtml}"></a>'), options)).toThrow(
      /no Visualforce page named OAuthCallbackHtml/,
    );
  });

  it('qualifies $Page and $RemoteAction with the namespace of a managed package', () => {
    const html = renderVisualforcePage(
      page(
        `<div data-redirect="{!HTMLENCODE($Page.RingCentralOAuthCallback)}" ` +
          `data-refresh="{!$RemoteAction.SoftphoneController.refreshRingCentralToken}"></div>`,
        'controller="SoftphoneController" showHeader="false"',
      ),
      { ...options, namespace: 'rcsp' },
    );
    expect(html).toContain('data-redirect="/apex/rcsp__RingCentralOAuthCallback"');
    expect(html).toContain('data-refresh="rcsp.SoftphoneController.refreshRingCentralToken"');
  });

  it("serves $RemoteAction of the page's controller and extensions only, as Visualforce remoting does", () => {
    const attrs = 'controller="SoftphoneController" extensions="SmsTemplateController, Other" showHeader="false"';
    const html = renderVisualforcePage(
      page(`<div data-list="{!$RemoteAction.SmsTemplateController.listSmsTemplates}"></div>`, attrs),
      options,
    );
    expect(html).toContain('data-list="SmsTemplateController.listSmsTemplates"');
    expect(() =>
      renderVisualforcePage(
        page(`<div data-x="{!$RemoteAction.SoftphoneMessagesController.upsertSmsLogs}"></div>`, attrs),
        options,
      ),
    ).toThrow(/SoftphoneMessagesController is neither the controller nor an extension of the page/);
  });

  it('qualifies $Resource and URLFOR with the namespace of a managed package', () => {
    const html = renderVisualforcePage(
      page(
        `<script type="module" src="{!URLFOR($Resource.SoftphoneBundle, 'softphone.js')}"></script>` +
          `<link href="{!$Resource.SoftphoneBundle}"/>`,
      ),
      { ...options, namespace: 'rcsp' },
    );
    expect(html).toContain('src="/resource/rcsp__SoftphoneBundle/softphone.js"');
    expect(html).toContain('href="/resource/rcsp__SoftphoneBundle"');
  });

  it('renders URLFOR of a file inside an archive static resource, and refuses what Visualforce cannot serve', () => {
    const archives: RenderOptions = {
      ...options,
      resourceExists: (name) => ['SoftphoneBundle', 'Plain'].includes(name),
      resourceIsArchive: (name) => name === 'SoftphoneBundle',
    };
    const html = renderVisualforcePage(
      page(`<script type="module" src="{!URLFOR($Resource.SoftphoneBundle, 'softphone.js')}"></script>`),
      archives,
    );
    expect(html).toContain('<script type="module" src="/resource/SoftphoneBundle/softphone.js"></script>');
    const render = (expr: string) => () => renderVisualforcePage(page(`<script src="{!${expr}}"></script>`), archives);
    expect(render("URLFOR($Resource.Plain, 'a.js')")).toThrow('Plain is not an archive (zip) static resource');
    expect(render("URLFOR($Resource.Missing, 'a.js')")).toThrow('no static resource named Missing');
    expect(render("URLFOR($Resource.SoftphoneBundle, '../secret.js')")).toThrow('not a relative path');
    expect(render("URLFOR($Resource.SoftphoneBundle, '/abs.js')")).toThrow('not a relative path');
  });

  it('HTML-encodes bare merge fields and applies the encode functions', () => {
    const html = renderVisualforcePage(
      page(
        `<p>{!$User.Name}</p><script>var n='{!JSENCODE($User.FirstName)}'</script><a href="?u={!URLENCODE($User.Name)}">x</a>`,
      ),
      options,
    );
    expect(html).toContain('<p>Alex &lt;Agent&gt;</p>');
    expect(html).toContain("var n='O\\'Neil'");
    expect(html).toContain('?u=Alex%20%3CAgent%3E');
  });

  it('keeps a page-supplied html/head when applyHtmlTag is false', () => {
    const html = renderVisualforcePage(
      page(
        '<html><head><meta charset="utf-8"></head><body>x</body></html>',
        'showHeader="false" applyHtmlTag="false" controller="C"',
      ),
      options,
    );
    expect(html).toContain('<html><head><script src="/jslibrary/remoting.js"></script><meta charset="utf-8">');
    expect(html.match(/<html>/g)).toHaveLength(1);
  });

  it.each([
    [page('<apex:form></apex:form>'), 'apex:form'],
    [page('{!$Label.c.Greeting}'), '{!$Label.c.Greeting}'],
    [page('{!account.Name}'), '{!account.Name}'],
    [page('{!$Resource.Missing}'), '{!$Resource.Missing}'],
    [page('{!$User.SecretField}'), '{!$User.SecretField}'],
    [page('{!IF(true, 1, 2)}'), '{!IF(true, 1, 2)}'],
    [page('x', 'showHeader="true"'), 'apex:page showHeader'],
    [page('x', 'showHeader="false" action="{!init}"'), 'apex:page action'],
    ['<div>no page</div>', 'apex:page'],
  ])('refuses %s naming the construct', (source, construct) => {
    let error: unknown;
    try {
      renderVisualforcePage(source, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VisualforceRenderError);
    expect((error as VisualforceRenderError).construct).toBe(construct);
    expect((error as Error).message).toContain(construct);
  });
});

describe('browser script compiler', () => {
  it('turns the TypeScript browser scripts into classic scripts', () => {
    const code = new BrowserScriptCompiler().compile(join(__dirname, '..', 'browser', 'opencti-library.ts'));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('sfdcIframeOrigin');
    expect(() => new Script(code)).not.toThrow();
  });
});
