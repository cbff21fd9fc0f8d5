/**
 * The one function of `blueimp-md5` (a dependency of `ringcentral-web-phone`) that the md5 shim's tests compare
 * against: `md5(text)` → the MD5 of the UTF-8 bytes as 32 lowercase hex digits (the package ships no types).
 */
declare module 'blueimp-md5' {
  export default function md5(text: string): string;
}
