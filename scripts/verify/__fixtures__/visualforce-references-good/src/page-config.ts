export function redirectUri(pageUrl: string): string {
  return new URL('/apex/OAuthCallback', pageUrl).href;
}

export const RINGCENTRAL_ME = '/restapi/v1.0/account/~/extension/~';
export const NAMESPACED = '/apex/rcsoft__OAuthCallback';
