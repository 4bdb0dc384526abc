// The admin API calls of the website card.
import { http } from '../api/http';

export interface WebsiteSettings {
  allowedOrigins: string[];
  pushPublicKey: string | null;
}

/** The secret the shop's server signs user ids with, and whether ingestion requires the signature. */
export interface IdentityVerification {
  enabled: boolean;
  secret: string;
}

export const websiteApi = {
  get: () => http.get<WebsiteSettings>('/api/website'),
  save: (allowedOrigins: string[]) => http.put<WebsiteSettings>('/api/website', { allowedOrigins }),
  identityVerification: () => http.get<IdentityVerification>('/api/website/identity-verification'),
  setIdentityVerification: (enabled: boolean) => http.put<IdentityVerification>('/api/website/identity-verification', { enabled }),
  rotateIdentitySecret: () => http.post<IdentityVerification>('/api/website/identity-verification/rotate'),
};

/** "https://shop.vn/" → "https://shop.vn"; null when the line is not an origin (a path, no scheme ...). */
export function originOf(line: string): string | null {
  try {
    const url = new URL(line.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The stub shops paste into <head> (the same as docs/website-snippet.md). */
export function snippetFor(braidUrl: string, writeKey: string): string {
  return `<script>
!function(){var b=window.braid=window.braid||[];if(b.initialized||b.invoked)return;b.invoked=!0;
b.methods=["track","identify","page","reset","flush","enablePush"];
b.factory=function(m){return function(){var a=[].slice.call(arguments);a.unshift(m);b.push(a);return b}};
for(var i=0;i<b.methods.length;i++){var m=b.methods[i];b[m]=b.factory(m)}
b.load=function(k,o){b._writeKey=k;b._options=o||{};var s=document.createElement("script");s.async=!0;s.src=b._options.host+"/sdk/v1.js";document.head.appendChild(s)};
b.load("${writeKey}",{host:"${braidUrl}"});b.page();}();
</script>`;
}
