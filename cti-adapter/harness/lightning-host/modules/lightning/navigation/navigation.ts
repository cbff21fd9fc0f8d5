/**
 * `lightning/navigation` of the harness's Lightning host: `NavigationMixin` (`[NavigationMixin.Navigate](pageRef)`,
 * `[NavigationMixin.GenerateUrl](pageRef)`) and the `CurrentPageReference` wire adapter, over the console stand-in's
 * own navigation (`window.harnessConsole.navigate`). Page references: `standard__recordPage`, `standard__objectPage`,
 * `standard__navItemPage` (a custom tab) and `standard__webPage`; another type is an error, as an unknown page type
 * is in Lightning.
 */
interface PageReference {
  type: string;
  attributes?: Record<string, string | undefined>;
  state?: Record<string, string>;
}

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

/** The console path of a page reference. @throws for a page type the console does not have */
export function pathOf(ref: PageReference): string {
  const a = ref.attributes ?? {};
  switch (ref.type) {
    case 'standard__recordPage':
      return `/lightning/r/${a.objectApiName ?? 'Record'}/${a.recordId ?? ''}/${a.actionName ?? 'view'}`;
    case 'standard__objectPage':
      return `/lightning/o/${a.objectApiName ?? ''}/${a.actionName ?? 'home'}`;
    case 'standard__navItemPage':
      return `/lightning/n/${a.apiName ?? ''}`;
    case 'standard__webPage':
      return a.url ?? '/';
    default:
      throw new Error(`The harness console has no page of type ${ref.type}.`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin pattern needs `any[]` (TS2545)
type Constructor<T = object> = new (...args: any[]) => T;

function consoleShell(): { navigate(path: string): void } | undefined {
  return (window as unknown as { harnessConsole?: { navigate(path: string): void } }).harnessConsole;
}

export const NavigationMixin = Object.assign(
  <T extends Constructor>(Base: T) =>
    class extends Base {
      [NAVIGATE](ref: PageReference, replace?: boolean): void {
        const path = pathOf(ref);
        if (ref.type === 'standard__webPage') window.open(path, '_blank', 'noopener');
        else if (replace) location.replace(path);
        else consoleShell()?.navigate(path);
      }
      [GENERATE_URL](ref: PageReference): Promise<string> {
        return Promise.resolve(pathOf(ref));
      }
    },
  { Navigate: NAVIGATE, GenerateUrl: GENERATE_URL },
);

/** Wire adapter: the current page as a `standard__…` reference (record pages, tabs; else the web page). */
export class CurrentPageReference {
  constructor(private readonly emit: (ref: PageReference) => void) {}
  update(): void {
    // The current page takes no configuration.
  }
  connect(): void {
    const m = /^\/lightning\/r\/(\w+)\/(\w+)\/(\w+)$/.exec(location.pathname);
    const tab = /^\/lightning\/n\/(\w+)$/.exec(location.pathname);
    this.emit(
      m
        ? { type: 'standard__recordPage', attributes: { objectApiName: m[1], recordId: m[2], actionName: m[3] } }
        : tab
          ? { type: 'standard__navItemPage', attributes: { apiName: tab[1] } }
          : { type: 'standard__webPage', attributes: { url: location.pathname } },
    );
  }
  disconnect(): void {
    // Nothing to release: the page reference is read once per connect.
  }
}
