import type {
  ClickToDialEvent,
  CtiHostPort,
  Listening,
  NavigationContext,
  ScreenPop,
  SoftphoneActivity,
} from '../core/ports/cti-host-port';
import type { Unsubscribe } from '../core/support/typed-emitter';
import { SCREENPOP_TYPE } from './open-cti-api';
import { OpenCtiBridge } from './open-cti-bridge';
import { utilityItemFor } from './utility-item';

/**
 * {@link CtiHostPort} over Open CTI for Lightning: maps the core's host-independent {@link ScreenPop} to
 * `screenPop` types (`record` → `SOBJECT {recordId}`, `search` → `SEARCH {searchString}`, `newRecord` →
 * `NEW_RECORD_MODAL {entityName, defaultFieldValues}`, `url` → `URL {url}`), shows the softphone's activity as the
 * utility item ({@link utilityItemFor}) and normalizes listener payloads.
 * Open CTI has no way to remove a listener; the returned `Unsubscribe` stops forwarding.
 * @public
 */
export class OpenCtiHost implements CtiHostPort {
  private readonly bridge: OpenCtiBridge;

  constructor(options: { bridge?: OpenCtiBridge } = {}) {
    this.bridge = options.bridge ?? new OpenCtiBridge();
  }

  screenPop(pop: ScreenPop): Promise<void> {
    switch (pop.kind) {
      case 'record':
        return this.bridge.screenPop(SCREENPOP_TYPE.SOBJECT, { recordId: pop.recordId });
      case 'search':
        return this.bridge.screenPop(SCREENPOP_TYPE.SEARCH, { searchString: pop.searchString });
      case 'newRecord':
        return this.bridge.screenPop(SCREENPOP_TYPE.NEW_RECORD_MODAL, {
          entityName: pop.entityName,
          defaultFieldValues: { ...pop.defaultFieldValues },
        });
      case 'url':
        return this.bridge.screenPop(SCREENPOP_TYPE.URL, { url: pop.url });
    }
  }

  enableClickToDial(): Promise<void> {
    return this.bridge.enableClickToDial();
  }

  disableClickToDial(): Promise<void> {
    return this.bridge.disableClickToDial();
  }

  async onClickToDial(listener: (event: ClickToDialEvent) => void): Promise<Unsubscribe> {
    let active = true;
    await this.bridge.onClickToDial((payload) => {
      if (active) listener({ ...toNavigationContext(payload), number: stringOr(payload['number']) ?? '' });
    });
    return () => {
      active = false;
    };
  }

  async onNavigationChange(listener: (context: NavigationContext) => void): Promise<Unsubscribe> {
    let active = true;
    await this.bridge.onNavigationChange((payload) => {
      if (active) listener(toNavigationContext(payload));
    });
    return () => {
      active = false;
    };
  }

  async getAppViewInfo(): Promise<NavigationContext> {
    return toNavigationContext(await this.bridge.getAppViewInfo());
  }

  /**
   * Sets the utility item's icon and label for the activity, unread text messages and listening state
   * ({@link utilityItemFor}).
   */
  async showActivity(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): Promise<void> {
    const item = utilityItemFor(activity, unreadMessages, listening);
    await Promise.all([this.setItemIcon(item.icon), this.setItemLabel(item.label)]);
  }

  /** Utility item icon: an SLDS utility icon name (`call`, `incoming_call`, `offline`…). */
  setItemIcon(iconKey: string): Promise<void> {
    return this.bridge.setSoftphoneItemIcon(iconKey);
  }

  setItemLabel(label: string): Promise<void> {
    return this.bridge.setSoftphoneItemLabel(label);
  }

  setPanelVisibility(visible: boolean): Promise<void> {
    return this.bridge.setSoftphonePanelVisibility(visible);
  }

  notifyInitializationComplete(): Promise<void> {
    return this.bridge.notifyInitializationComplete();
  }

  refreshView(): Promise<void> {
    return this.bridge.refreshView();
  }
}

/**
 * Normalizes an Open CTI navigation / click-to-dial payload (`{url, recordId, recordName, objectType,
 * accountId | contactId, personAccount}`); missing values become `null`, `personAccount` a boolean
 * (the console may send `"true"`).
 * @public
 */
export function toNavigationContext(payload: Record<string, unknown>): NavigationContext {
  return {
    url: stringOr(payload['url']),
    recordId: stringOr(payload['recordId']),
    recordName: stringOr(payload['recordName']),
    objectType: stringOr(payload['objectType']),
    accountId: stringOr(payload['accountId']),
    contactId: stringOr(payload['contactId']),
    personAccount: payload['personAccount'] === true || payload['personAccount'] === 'true',
  };
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
