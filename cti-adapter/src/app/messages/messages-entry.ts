/**
 * The Messages feature's entry (ADR 0019): everything of the Messages tab — the RingCentral message store, the
 * messaging service, SMS logging and templates, the tab's components — is reached from here, and this module is
 * reached only through the ONE dynamic `import()` of `../messages-loader.ts`. With a code-splitting build it is the
 * second chunk of the `SoftphoneBundle` static resource, loaded after the first paint; the first paint holds only
 * the loader, the tab and its badge.
 */
import type { MessageStoreEventMap } from '../../core/ports/message-store-port';
import type { CrmGateway } from '../../core/ports/crm-gateway';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import { MessagingService } from '../../core/messaging/messaging-service';
import type { Settings } from '../../core/settings/settings';
import type { Unsubscribe } from '../../core/support/typed-emitter';
import type { RingCentralApi } from '../../ringcentral/rest/ringcentral-api';
import { RingCentralMessageStore, type MessageEventSource } from '../../ringcentral/messages/ringcentral-message-store';
import type { RemotingCrmGateway } from '../../salesforce/remoting-crm-gateway';
import { RemotingMessagingGateway } from '../../salesforce/remoting-messaging-gateway';
import type { AttributeSource } from '../../salesforce/remote-action-names';
import { readSmsTemplateActionNames, RemotingSmsTemplateGateway } from '../../salesforce/remoting-sms-template-gateway';

/** What the entry needs from the running softphone. @public */
export interface MessagesFeatureDependencies {
  /** The signed-in RingCentral REST client. */
  readonly api: RingCentralApi;
  /** The page's one subscription's message-store events (buffered by the loader until this chunk ran). */
  readonly events: MessageEventSource;
  /** The page's CRM gateway: matchNumbers, and its transport for the Messages tab's remote actions. */
  readonly crm: Pick<CrmGateway, 'matchNumbers'> & Pick<RemotingCrmGateway, 'invoke'>;
  /** The agent's storage (keyed by org and user). */
  readonly kv: KeyValueStore;
  /** The settings in force. */
  readonly settings: () => Settings;
  /** The unread count changed (the tab's and the utility item's badge). */
  readonly onUnread: (count: number) => void;
  /**
   * The page's `#softphone-config` element: the names of `SmsTemplateController`'s remote actions are read from it
   * here, in this chunk (`null`: the unnamespaced names).
   */
  readonly pageConfig?: AttributeSource | null;
}

/** The running Messages feature of one RingCentral sign-in. @public */
export interface MessagesFeature {
  readonly service: MessagingService;
  /** Stops it (sign-out): listeners, timers. */
  dispose(): void;
}

/** Starts the Messages feature over the signed-in RingCentral session. @public */
export function startMessagesFeature(deps: MessagesFeatureDependencies): MessagesFeature {
  const store = new RingCentralMessageStore({ api: deps.api, events: deps.events });
  const service = new MessagingService({
    store,
    crm: deps.crm,
    kv: deps.kv,
    settings: deps.settings,
    logs: new RemotingMessagingGateway(deps.crm),
    templates: new RemotingSmsTemplateGateway({ actions: readSmsTemplateActionNames(deps.pageConfig ?? null) }),
  });
  const offUnread: Unsubscribe = service.on('unread', deps.onUnread);
  void service.start();
  return {
    service,
    dispose(): void {
      offUnread();
      service.dispose();
      store.dispose();
      deps.onUnread(0);
    },
  };
}

/** The port's events, re-exported for the loader's types. @public */
export type { MessageStoreEventMap };
