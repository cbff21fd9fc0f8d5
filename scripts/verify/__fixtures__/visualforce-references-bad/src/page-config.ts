// The defect of issue 9 item 1: a redirect URI on the Visualforce origin that the package does not ship.
export function redirectUri(pageUrl: string): string {
  return new URL('/oauth/callback.html', pageUrl).href;
}

export const POPUP = '/apex/SignInPopup';
export const RINGCENTRAL_ME = '/restapi/v1.0/account/~/extension/~';
