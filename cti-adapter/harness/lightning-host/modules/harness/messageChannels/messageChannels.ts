/**
 * What `@salesforce/messageChannel/<Name>__c` gives the package's components in the harness: a channel token whose
 * `channelName` is the channel's full name in the org — the package's channels (`messageChannels/` of force-app)
 * carry the org's namespace prefix (`rcsp__SMS_Open_Thread__c`), which is also the name Open CTI's `subscribe`
 * takes (Open CTI Developer Guide, "Lightning Message Service Methods for Lightning Experience"). The build only
 * resolves channels the package defines, so a component naming a missing channel fails to build, as it fails to
 * deploy.
 */
interface ChannelSession {
  readonly namespacePrefix?: string;
}

export interface MessageChannelToken {
  readonly channelName: string;
}

export function messageChannelToken(name: string): MessageChannelToken {
  const session = (globalThis as { harnessSession?: ChannelSession }).harnessSession;
  return Object.freeze({ channelName: `${session?.namespacePrefix ?? ''}${name}` });
}
