// Hoa Ban Food's website for the story test (SCENARIO §1): product pages that report views, a
// cart button, a sign-in, a checkout that asks for the address and phone and can be cancelled at
// the confirmation, and a review form, each calling the snippet as a shop's theme would. Served
// from 127.0.0.1 on a port of its own (another origin than Braid's).
import { servePages, snippetTag, type Shop } from './shop';

export type Product = { id: string; name: string; price: number; unit: string };

export const PRODUCTS: Record<string, Product> = {
  'thit-trau': { id: 'thit-trau', name: 'thịt trâu gác bếp', price: 850_000, unit: 'kg' },
  'mac-khen': { id: 'mac-khen', name: 'Mắc Khén', price: 120_000, unit: 'hũ' },
  'hat-doi': { id: 'hat-doi', name: 'Hạt Dổi', price: 180_000, unit: 'hũ' },
};

const vnd = (n: number) => `${n.toLocaleString('vi-VN')}đ`;
const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function page(title: string, snippet: string, body: string, script = ''): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>${snippet}
<style>body{font-family:system-ui,sans-serif;margin:0;background:#fafaf9;color:#1c1917}header{background:#14532d;color:#fff;padding:16px 32px;font-size:22px;font-weight:700}
main{padding:32px}button{font-size:16px;padding:10px 16px;margin:8px 8px 0 0;border-radius:8px;border:1px solid #14532d;background:#fff;cursor:pointer}
label{display:block;margin:8px 0}input,select{font-size:16px;padding:6px}</style></head>
<body><header>Hoa Ban Food · Đặc sản Tây Bắc</header><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

function productPage(snippet: string, p: Product): string {
  // A product page reports its view on load, as a theme's product template does.
  return page(
    `${p.name} · Hoa Ban Food`,
    snippet,
    `<h1>${p.name}</h1><p>${vnd(p.price)} / ${p.unit}</p>
<label>Số lượng <input id="qty" type="number" value="2" min="1"></label>
<button id="add">Thêm vào giỏ</button>`,
    `var p=${json(p)};
braid.track('Product Viewed',{product_id:p.id,product_name:p.name,price:p.price,currency:'VND'});
document.getElementById('add').onclick=function(){var q=Number(document.getElementById('qty').value);
braid.track('Product Added',{cart_id:'cart-'+Date.now(),product_id:p.id,product_name:p.name,price:p.price,quantity:q+p.unit,cart_total:(q*p.price).toLocaleString('vi-VN'),currency:'VND'});
document.getElementById('add').textContent='Đã thêm vào giỏ';};`,
  );
}

const checkout = (snippet: string) =>
  page(
    'Thanh toán · Hoa Ban Food',
    snippet,
    `<h1>Thanh toán</h1><p>Combo Mắc Khén + Hạt Dổi + 1 kg thịt trâu gác bếp — <b>1.350.000đ</b> (tiết kiệm 129.000đ)</p>
<form id="address"><label>Họ tên <input name="name" value=""></label><label>Số điện thoại <input name="phone"></label>
<label>Quận <input name="district"></label><label>Thành phố <input name="city"></label>
<label><input type="checkbox" name="messenger"> Nhận cập nhật đơn hàng qua Messenger</label>
<button id="continue" type="submit">Tiếp tục</button></form>
<div id="confirm" hidden><p>Xác nhận đặt hàng 1.350.000đ?</p><button id="place">Đặt hàng</button><button id="cancel">Huỷ</button></div>`,
    `var combo=[{product_id:'mac-khen',name:'Mắc Khén',price:120000,quantity:1},{product_id:'hat-doi',name:'Hạt Dổi',price:180000,quantity:1},{product_id:'thit-trau',name:'thịt trâu gác bếp',price:1050000,quantity:1}];
var checkoutId='co-'+Date.now();
document.getElementById('address').onsubmit=function(e){e.preventDefault();var f=e.target;
var traits={phone:f.phone.value,address:{district:f.district.value,city:f.city.value}};
// The Messenger checkbox plugin hands the shop the customer's page-scoped id once they tick it.
if(f.messenger.checked)traits.facebook_psid=f.messenger.dataset.psid;
braid.identify(traits);
braid.track('Checkout Started',{checkout_id:checkoutId,value:1350000,currency:'VND',products:combo,utm_source:new URLSearchParams(location.search).get('utm_source')});
document.getElementById('confirm').hidden=false;};
document.getElementById('cancel').onclick=function(){braid.track('Checkout Cancelled',{checkout_id:checkoutId,value:1350000});document.getElementById('confirm').textContent='Đã huỷ đơn hàng.';};`,
  );

const review = (snippet: string) =>
  page(
    'Đánh giá · Hoa Ban Food',
    snippet,
    `<h1>Đánh giá thịt trâu gác bếp</h1><label>Số sao <select id="rating"><option>5</option><option>4</option><option>3</option><option>2</option><option>1</option></select></label>
<label>Nhận xét <input id="comment" size="50"></label><button id="send">Gửi đánh giá</button>`,
    `document.getElementById('send').onclick=function(){braid.track('Review Submitted',{product_id:'thit-trau',rating:Number(document.getElementById('rating').value),comment:document.getElementById('comment').value});document.getElementById('send').textContent='Cảm ơn anh/chị!';};`,
  );

export async function startHoaBanShop(braidUrl: string, writeKey: string, messengerPsid: string): Promise<Shop> {
  const snippet = snippetTag(braidUrl, writeKey);
  const pages: Record<string, string> = {
    '/': page(
      'Hoa Ban Food',
      snippet,
      `<h1>Đặc sản Tây Bắc</h1><ul>${Object.values(PRODUCTS)
        .map((p) => `<li><a href="/san-pham/${p.id}">${p.name}</a> — ${vnd(p.price)} / ${p.unit}</li>`)
        .join('')}</ul>
<form id="signin"><label>Email <input name="email"></label><label>Tên <input name="firstName"></label><button type="submit">Đăng nhập</button></form>`,
      // The shop's account system knows the customer's id and referral code once they sign in.
      `document.getElementById('signin').onsubmit=function(e){e.preventDefault();var f=e.target;var email=f.email.value;
braid.identify('kh-'+email.split('@')[0],{email:email,firstName:f.firstName.value,referral_code:(email.split('@')[0]+'-HB').toUpperCase()});f.querySelector('button').textContent='Xin chào '+f.firstName.value;};`,
    ),
    '/thanh-toan': checkout(snippet).replace('name="messenger"', `name="messenger" data-psid="${messengerPsid}"`),
    '/danh-gia': review(snippet),
  };
  for (const p of Object.values(PRODUCTS)) pages[`/san-pham/${p.id}`] = productPage(snippet, p);
  return servePages(pages);
}
