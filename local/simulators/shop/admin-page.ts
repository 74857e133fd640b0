// The pages a person sees: the list of simulated shops, and one shop's admin panel that looks like
// a simple Shoper admin, embeds the app in an iframe when installed, and drives the shop through
// the JSON endpoints under `/s/{slug}/__sim/` (the same ones tests use).
import { adminIframeUrl } from './admin-iframe';
import type { SimContext } from './context';
import { money, shoperDate } from './format';
import { escapeHtml as h } from './http';
import type { SimShop } from './types';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f4f7;color:#1f2933}
header{background:#1b2a3a;color:#fff;padding:10px 24px;display:flex;align-items:center;gap:16px}
header .logo{font-weight:700;letter-spacing:.5px}header .logo b{color:#3ecf8e}header a{color:#cfe3ff;text-decoration:none}
main{max-width:1280px;margin:0 auto;padding:20px 24px;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:16px 18px}.wide{grid-column:1/-1}
h1{font-size:20px;margin:0}h2{font-size:15px;margin:0 0 12px;text-transform:uppercase;letter-spacing:.4px;color:#52606d}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef1f4;vertical-align:middle}
th{font-size:12px;color:#7b8794;font-weight:600}
button{background:#2f80ed;color:#fff;border:0;border-radius:4px;padding:6px 12px;font:inherit;cursor:pointer}button:hover{background:#1c6ad4}
button.secondary{background:#e4e7eb;color:#1f2933}button.danger{background:#e12d39}button:disabled{opacity:.5;cursor:default}
input,select{font:inherit;padding:5px 8px;border:1px solid #cbd2d9;border-radius:4px;background:#fff}
form.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}label.check{display:flex;gap:6px;align-items:center}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600}
.ok{background:#e3f9e5;color:#207227}.bad{background:#ffe3e3;color:#ab091e}.muted{color:#7b8794}
.appframe{grid-column:1/-1;padding:0;overflow:hidden}.appframe .bar{padding:10px 18px;border-bottom:1px solid #dde3ea;display:flex;justify-content:space-between}
iframe{display:block;width:100%;height:720px;border:0;background:#fff}
#toast{position:fixed;right:20px;bottom:20px;background:#1b2a3a;color:#fff;padding:10px 14px;border-radius:6px;display:none;max-width:420px}
code{font-size:12px;word-break:break-all}`;

function layout(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${STYLE}</style></head><body>
<header><span class="logo">shoper<b>·sim</b></span><a href="/">Sklepy / Shops</a></header>
${body}<div id="toast" role="status"></div>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

export function shopListPage(ctx: SimContext): string {
  const rows = [...ctx.shops.values()]
    .map(
      (shop) => `<tr><td><a href="/s/${encodeURIComponent(shop.slug)}/admin">${h(shop.name)}</a></td><td><code>${h(shop.slug)}</code></td>
<td><code>${h(shop.licence)}</code></td><td>${shop.installed ? '<span class="badge ok">aplikacja zainstalowana</span>' : '<span class="badge bad">bez aplikacji</span>'}</td></tr>`,
    )
    .join('');
  const body = `<main><section class="card wide"><h2>Sklepy (symulator Shoper) / Simulated shops</h2>
<table><thead><tr><th>Nazwa</th><th>Slug</th><th>Licencja</th><th>App Store</th></tr></thead><tbody>${rows || '<tr><td colspan="4" class="muted">Brak sklepów / No shops yet</td></tr>'}</tbody></table></section>
<section class="card wide"><h2>Nowy sklep / New shop</h2><form class="row" id="new-shop"><input name="slug" placeholder="slug, np. demo" required pattern="[a-z0-9-]+">
<input name="name" placeholder="Nazwa sklepu"><button>Utwórz sklep</button></form></section></main>`;
  const script = `document.getElementById('new-shop').addEventListener('submit',async(e)=>{e.preventDefault();const f=new FormData(e.target);
const r=await fetch('/__sim/shops',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({slug:f.get('slug'),name:f.get('name')||undefined})});
const j=await r.json();if(r.ok)location.href='/s/'+encodeURIComponent(j.slug)+'/admin';else alert(j.error_description||'Błąd');});`;
  return layout('Symulator Shoper', body, script);
}

function statusSelect(shop: SimShop, orderId: number, current: number): string {
  const options = shop.statuses
    .map((s) => `<option value="${s.statusId}"${s.statusId === current ? ' selected' : ''}>${h(s.names.pl_PL)}</option>`)
    .join('');
  return `<select data-order-status="${orderId}" aria-label="Status zamówienia ${orderId}">${options}</select>`;
}

function ordersSection(shop: SimShop): string {
  const rows = [...shop.orders]
    .sort((a, b) => b.orderId - a.orderId)
    .map((o) => {
      const shipping = shop.shippings.find((s) => s.shippingId === o.shippingId)?.name ?? '';
      const parcels = shop.parcels.filter((p) => p.orderId === o.orderId).length;
      return `<tr><td>#${o.orderId}</td><td>${h(shoperDate(o.date))}</td><td>${h(`${o.billing.firstname} ${o.billing.lastname}`)}<br><span class="muted">${h(o.billing.phone)}</span></td>
<td>${money(o.sum)} zł</td><td>${h(shipping)}</td><td>${statusSelect(shop, o.orderId, o.statusId)}</td>
<td><button class="secondary" data-action="orders/${o.orderId}/dispatch">Wyślij paczkę</button>${parcels ? ` <span class="muted">(${parcels})</span>` : ''}</td></tr>`;
    })
    .join('');
  return `<h2>Zamówienia / Orders</h2>
<form class="row" data-form="orders"><input name="firstname" placeholder="Imię" value="Jan"><input name="lastname" placeholder="Nazwisko" value="Kowalski">
<input name="phone" placeholder="Telefon" value="512 345 678"><button>Złóż zamówienie</button></form>
<table><thead><tr><th>Nr</th><th>Data</th><th>Klient</th><th>Kwota</th><th>Dostawa</th><th>Status</th><th>Paczka</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function clientsSection(shop: SimShop): string {
  const rows = shop.users
    .map((u) => {
      const phone = shop.userAddresses.find((a) => a.userId === u.userId)?.phone ?? '';
      return `<tr><td>${u.userId}</td><td>${h(`${u.firstname} ${u.lastname}`)}</td><td>${h(u.email)}<br><span class="muted">${h(phone)}</span></td><td>${u.newsletter ? 'tak' : 'nie'}</td></tr>`;
    })
    .join('');
  return `<h2>Klienci / Clients</h2>
<form class="row" data-form="clients"><input name="firstname" placeholder="Imię" value="Ewa"><input name="lastname" placeholder="Nazwisko" value="Kamińska">
<input name="phone" placeholder="Telefon" value="785 123 456"><input name="email" placeholder="E-mail"><label class="check"><input type="checkbox" name="newsletter">zgoda na newsletter</label>
<button>Zarejestruj klienta</button></form>
<table><thead><tr><th>ID</th><th>Klient</th><th>Kontakt</th><th>Newsletter</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function productsSection(shop: SimShop): string {
  const rows = shop.products
    .map(
      (p) => `<tr><td>${p.productId}</td><td>${h(p.name)}</td><td>${money(p.price)} zł</td>
<td>${p.stock > 0 ? `<span class="badge ok">${p.stock} szt.</span>` : '<span class="badge bad">brak</span>'}</td>
<td><button class="secondary" data-action="products/${p.productId}/restock">Uzupełnij stan</button>
<button class="secondary" data-action="products/${p.productId}/sell-out"${p.stock > 0 ? '' : ' disabled'}>Wyprzedaj</button></td></tr>`,
    )
    .join('');
  return `<h2>Produkty / Products</h2><table><thead><tr><th>ID</th><th>Nazwa</th><th>Cena</th><th>Stan</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function deliveriesSection(ctx: SimContext, shop: SimShop): string {
  const rows = ctx.deliveries
    .filter((d) => d.slug === shop.slug)
    .slice(-15)
    .reverse()
    .map(
      (d) => `<tr><td>${h(shoperDate(d.at))}</td><td><code>${h(d.event)}</code></td><td><code>${h(d.url)}</code></td>
<td><span class="badge ${d.status >= 200 && d.status < 300 ? 'ok' : 'bad'}">${d.status || 'brak połączenia'}</span></td></tr>`,
    )
    .join('');
  return `<h2>Webhooki / Webhook deliveries</h2>
<p class="muted">Zarejestrowane: ${shop.webhooks.length ? shop.webhooks.map((w) => `#${w.webhookId} ${h(w.events.join(', '))}`).join('; ') : 'brak'}</p>
<form class="row" data-form="options"><label class="check"><input type="checkbox" name="camelCase"${shop.webhookAddressStyle === 'camelCase' ? ' checked' : ''}>
adresy w webhookach jako billingAddress (camelCase)</label>
<label class="check"><input type="checkbox" name="refuseWebhooks"${shop.refuseWebhooks ? ' checked' : ''}>
sklep odmawia aplikacji zakładania webhooków (403)</label><button class="secondary">Zapisz</button>
<button type="button" class="secondary" data-action="redeliver">Wyślij ostatni ponownie</button></form>
<table><thead><tr><th>Kiedy</th><th>Zdarzenie</th><th>Adres</th><th>HTTP</th></tr></thead><tbody>${rows || '<tr><td colspan="4" class="muted">Jeszcze nic nie wysłano</td></tr>'}</tbody></table>`;
}

function appStoreSection(shop: SimShop): string {
  return `<h2>App Store</h2><p>Aplikacja SMS: ${shop.installed ? '<span class="badge ok">zainstalowana</span>' : '<span class="badge bad">niezainstalowana</span>'}</p>
<p class="row"><button data-action="install"${shop.installed ? ' disabled' : ''}>Zainstaluj</button>
<button class="danger" data-action="uninstall"${shop.installed ? '' : ' disabled'}>Odinstaluj</button></p>
<p class="muted">Licencja: <code>${h(shop.licence)}</code><br>Adres sklepu: <code>${h(shop.url)}</code></p>`;
}

const SHOP_SCRIPT = `
const base=location.pathname.replace(/\\/admin\\/?$/,'')+'/__sim/';
const toast=(t)=>{const e=document.getElementById('toast');e.textContent=t;e.style.display='block';clearTimeout(e._t);e._t=setTimeout(()=>e.style.display='none',4000);};
async function refresh(full){if(full){location.reload();return;}
const html=await (await fetch(location.href)).text();const doc=new DOMParser().parseFromString(html,'text/html');
document.querySelectorAll('[data-section]').forEach((el)=>{const n=doc.querySelector('[data-section="'+el.dataset.section+'"]');if(n)el.innerHTML=n.innerHTML;});}
async function call(path,body){const r=await fetch(base+path,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body||{})});
const j=await r.json().catch(()=>({}));if(!r.ok){toast('Błąd: '+(j.error_description||r.status));return null;}
const d=j.deliveries||(j.status!==undefined?[j.status]:[]);toast('OK'+(d.length?' · webhooki/HTTP: '+d.join(', '):''));return j;}
document.addEventListener('click',async(e)=>{const b=e.target.closest('[data-action]');if(!b)return;e.preventDefault();b.disabled=true;
const a=b.dataset.action;await call(a);await refresh(a==='install'||a==='uninstall');});
document.addEventListener('change',async(e)=>{const s=e.target.closest('[data-order-status]');if(!s)return;
await call('orders/'+s.dataset.orderStatus+'/status',{statusId:Number(s.value)});await refresh(false);});
document.addEventListener('submit',async(e)=>{const f=e.target.closest('[data-form]');if(!f)return;e.preventDefault();const d=new FormData(f);
if(f.dataset.form==='options'){await call('options',{webhookAddressStyle:d.get('camelCase')?'camelCase':'snake_case',refuseWebhooks:!!d.get('refuseWebhooks')});}
else{const body={};for(const [k,v] of d.entries()){if(k==='newsletter')body.newsletter=true;else if(v)body[k]=v;}await call(f.dataset.form,body);}
await refresh(false);});`;

export function shopAdminPage(ctx: SimContext, shop: SimShop): string {
  const iframe = shop.installed
    ? `<section class="card appframe"><div class="bar"><strong>Aplikacje › Powiadomienia SMS</strong><span class="muted">iframe</span></div>
<iframe src="${h(adminIframeUrl(ctx, shop))}" title="Aplikacja SMS" allow="clipboard-write"></iframe></section>`
    : '';
  const body = `<main><section class="card wide"><h1>${h(shop.name)}</h1><span class="muted">Panel administracyjny (symulator) / Admin panel (simulator)</span></section>
<section class="card" data-section="appstore">${appStoreSection(shop)}</section>
<section class="card" data-section="deliveries">${deliveriesSection(ctx, shop)}</section>
${iframe}
<section class="card wide" data-section="orders">${ordersSection(shop)}</section>
<section class="card" data-section="products">${productsSection(shop)}</section>
<section class="card" data-section="clients">${clientsSection(shop)}</section></main>`;
  return layout(`${shop.name} · panel`, body, SHOP_SCRIPT);
}
