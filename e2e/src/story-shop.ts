// A shop's website for the story tests: product pages with "add to cart", a login form that
// identifies the account it knows (as a shop's own login would), and a checkout page, each with
// the snippet pasted in. Served from 127.0.0.1 on a port of its own (another origin than Braid's).
import type { Page } from 'playwright-core';
import { servePages, snippetTag } from './shop';

export type ShopProduct = { id: string; name: string; price: number };
/** An account the shop knows: what its login page hands the snippet's identify. */
export type ShopAccount = { userId: string; email: string; traits: Record<string, string> };
export type StoryShop = { url: string; stop(): Promise<void> };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const vnd = (n: number) => `${n.toLocaleString('vi-VN')}đ`;

function page(shopName: string, title: string, snippet: string, body: string, script = ''): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>${snippet}
<style>body{font-family:system-ui,sans-serif;margin:0;background:#fafaf9;color:#1c1917}header{background:#14532d;color:#fff;padding:14px 24px;font-size:20px;font-weight:700}
main{padding:24px}button{font-size:16px;padding:10px 16px;margin:4px 8px 4px 0;border-radius:8px;border:1px solid #14532d;background:#fff;cursor:pointer}
input{font-size:16px;padding:8px;border-radius:6px;border:1px solid #a8a29e}
.product{display:inline-block;width:220px;margin:0 16px 16px 0;padding:16px;border-radius:12px;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.1)}</style></head>
<body><header>${esc(shopName)}</header><main>${body}</main><script>${script}</script></body></html>`;
}

export async function startStoryShop(braidUrl: string, writeKey: string, opts: { name: string; products: ShopProduct[]; accounts: ShopAccount[] }): Promise<StoryShop> {
  const snippet = snippetTag(braidUrl, writeKey);
  const cards = opts.products
    .map(
      (p) => `<div class="product"><b>${esc(p.name)}</b><p>${vnd(p.price)}</p>
<button data-add="${esc(p.id)}">Thêm vào giỏ</button></div>`,
    )
    .join('\n');
  // The shop's own code: its buttons call the snippet as its docs say.
  const script = `var products=${JSON.stringify(Object.fromEntries(opts.products.map((p) => [p.id, p])))};
var accounts=${JSON.stringify(Object.fromEntries(opts.accounts.map((a) => [a.email, a])))};
document.querySelectorAll('[data-add]').forEach(function(b){b.onclick=function(){var p=products[b.getAttribute('data-add')];
braid.track('Product Added',{product_id:p.id,name:p.name,price:p.price,quantity:1,cart_id:'cart-'+braid.user().anonymousId});document.getElementById('status').textContent='Đã thêm '+p.name+' vào giỏ';};});
var f=document.getElementById('login');if(f)f.onsubmit=function(e){e.preventDefault();var a=accounts[document.getElementById('email').value.trim()];
if(!a){document.getElementById('status').textContent='Sai email';return;}braid.identify(a.userId,Object.assign({email:a.email},a.traits));document.getElementById('status').textContent='Xin chào '+(a.traits.firstName||a.email);};`;
  const pages: Record<string, string> = {
    '/': page(opts.name, opts.name, snippet, `<h1>Sản phẩm</h1>${cards}<p id="status" role="status"></p>`, script),
    '/dang-nhap': page(
      opts.name,
      `Đăng nhập · ${opts.name}`,
      snippet,
      `<h1>Đăng nhập</h1><form id="login"><input id="email" type="email" placeholder="Email"> <button id="login-button" type="submit">Đăng nhập</button></form><p id="status" role="status"></p>`,
      script,
    ),
  };
  return servePages(pages);
}

type Snippet = { initialized?: boolean; flush(): Promise<void>; user(): { anonymousId: string } };

/** Opens a shop page and waits for the snippet to be ready. */
export async function openShopPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { braid?: Snippet }).braid?.initialized === true);
}

/** Sends what the snippet has queued now (it batches). */
export async function flushSnippet(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { braid: Snippet }).braid.flush());
}

export async function anonymousIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { braid: Snippet }).braid.user().anonymousId);
}

/** Logs in through the shop's form: the shop identifies the account with the snippet. */
export async function logIn(page: Page, shopUrl: string, email: string): Promise<void> {
  await openShopPage(page, `${shopUrl}/dang-nhap`);
  await page.fill('#email', email);
  await page.click('#login-button');
  await page.waitForFunction(() => /Xin chào/.test(document.getElementById('status')?.textContent ?? ''));
  await flushSnippet(page);
}

export async function addToCart(page: Page, productId: string): Promise<void> {
  await page.click(`[data-add="${productId}"]`);
  await flushSnippet(page);
}
