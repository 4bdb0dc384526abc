// A shop's website for the snippet tests: pages served from 127.0.0.1 on a port of their own
// (another origin than Braid's), with the snippet pasted in as the docs say.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Shop = { url: string; stop(): Promise<void> };

/** The stub a shop pastes into <head>: queues calls until /sdk/v1.js has loaded (docs/website-snippet.md). */
export function snippetTag(braidUrl: string, writeKey: string): string {
  return `<script>
!function(){var b=window.braid=window.braid||[];if(b.initialized||b.invoked)return;b.invoked=!0;
b.methods=["track","identify","page","reset","flush","enablePush"];
b.factory=function(m){return function(){var a=[].slice.call(arguments);a.unshift(m);b.push(a);return b}};
for(var i=0;i<b.methods.length;i++){var m=b.methods[i];b[m]=b.factory(m)}
b.load=function(k,o){b._writeKey=k;b._options=o||{};var s=document.createElement("script");s.async=!0;s.src=b._options.host+"/sdk/v1.js";document.head.appendChild(s)};
b.load(${JSON.stringify(writeKey)},{host:${JSON.stringify(braidUrl)}});b.page();}();
</script>`;
}

function page(title: string, snippet: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>${snippet}
<style>body{font-family:system-ui,sans-serif;margin:0;background:#fafaf9;color:#1c1917}header{background:#14532d;color:#fff;padding:16px 32px;font-size:22px;font-weight:700}
main{padding:32px}button{font-size:16px;padding:10px 16px;margin-right:8px;border-radius:8px;border:1px solid #14532d;background:#fff;cursor:pointer}
.product{display:inline-block;width:220px;margin:0 16px 16px 0;padding:16px;border-radius:12px;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.1)}</style></head>
<body><header>Hoa Ban Food · Đặc sản Tây Bắc</header><main>${body}</main></body></html>`;
}

export async function startShop(braidUrl: string, writeKey: string): Promise<Shop> {
  const snippet = snippetTag(braidUrl, writeKey);
  const pages: Record<string, string> = {
    '/': page(
      'Hoa Ban Food',
      snippet,
      `<h1>Trang chủ</h1>
<div class="product"><b>Thịt trâu gác bếp</b><p>850.000đ / kg</p><button id="view" onclick="braid.track('Product Viewed',{product_name:'Thịt trâu gác bếp',price:850000})">Xem</button></div>
<div class="product"><b>Mắc khén</b><p>120.000đ / hũ</p></div>
<p><button id="login" onclick="braid.identify('toan',{firstName:'Toản',email:'toan@example.vn'})">Đăng nhập (anh Toản)</button>
<button id="pay" onclick="braid.track('Payment Failed',{reason:'card_declined',amount:1700000,checkout_url:location.origin+'/checkout'})">Thanh toán bằng thẻ</button></p>`,
    ),
    '/checkout': page('Thanh toán · Hoa Ban Food', snippet, '<h1>Thanh toán</h1><p>Giỏ hàng: 2 kg thịt trâu gác bếp — 1.700.000đ</p>'),
  };
  return servePages(pages, {
    // The one-line service worker file the docs ask shops to put at their root.
    '/braid-sw.js': { type: 'text/javascript', body: `importScripts(${JSON.stringify(`${braidUrl}/sdk/sw.js`)});` },
  });
}

/** Serves a shop's pages (path → HTML, plus other files by type) on a free port of 127.0.0.1. */
export async function servePages(pages: Record<string, string>, files: Record<string, { type: string; body: string }> = {}): Promise<Shop> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = files[path];
    if (file) return void res.writeHead(200, { 'content-type': file.type }).end(file.body);
    const html = pages[path];
    if (!html) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
