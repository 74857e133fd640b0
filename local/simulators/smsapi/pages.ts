// The page a person watches: the outbox (refreshing itself), the accounts, and a fault-injection form.
import { escapeHtml } from './http';
import { TRANSIENT_FAULT_KINDS } from './faults';
import type { SimulatorStore } from './store';
import type { FaultSettings, TransientFaultKind } from './types';

const KIND_LABELS: Record<TransientFaultKind, string> = {
  '203': 'błąd 203 (za dużo zapytań) / error 203',
  '500': 'HTTP 500',
  '429': 'HTTP 429',
  timeout: 'brak odpowiedzi, SMS nie przyjęty / timeout, not accepted',
  'accepted-then-timeout': 'SMS przyjęty, odpowiedź zgubiona / accepted, answer lost',
};

/** Reads the page's fault form (form-urlencoded) into a settings patch. */
export function faultsFromForm(body: string): Partial<FaultSettings> {
  const form = new URLSearchParams(body);
  const patch: Partial<FaultSettings> = {};
  const rate = form.get('transientRate');
  if (rate !== null && rate.trim() !== '') patch.transientRate = Number(rate.replace(',', '.'));
  if (form.has('kindsSubmitted')) patch.transientKinds = form.getAll('transientKinds') as TransientFaultKind[];
  const timeout = form.get('timeoutMs');
  if (timeout !== null && timeout.trim() !== '') patch.timeoutMs = Number(timeout);
  const failing = form.get('failingSuffixes');
  if (failing !== null) {
    patch.failingSuffixes = Object.fromEntries(
      failing
        .split(/[,;\s]+/)
        .filter((pair) => pair.length > 0)
        .map((pair) => {
          const [suffix = '', code = ''] = pair.split(/[=:]/);
          return [suffix, Number(code)];
        }),
    );
  }
  const undelivered = form.get('undeliveredSuffixes');
  if (undelivered !== null) patch.undeliveredSuffixes = undelivered.split(/[,;\s]+/).filter((s) => s.length > 0);
  const unreachable = form.get('unreachableSuffixes');
  if (unreachable !== null) patch.unreachableSuffixes = unreachable.split(/[,;\s]+/).filter((s) => s.length > 0);
  const seed = form.get('seed');
  if (seed !== null && seed.trim() !== '') patch.seed = Number(seed);
  return patch;
}

export function outboxPage(store: SimulatorStore, faults: FaultSettings, notice?: string): string {
  const accounts = [...store.accounts.values()]
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.username)}</td><td>${a.points.toFixed(2)}</td><td>${a.senders
          .map((s) => `${escapeHtml(s.sender)} <small>(${escapeHtml(s.status)}${s.is_default ? ', domyślne' : ''})</small>`)
          .join(', ')}</td><td>${a.blacklist.length}</td></tr>`,
    )
    .join('');
  const kinds = TRANSIENT_FAULT_KINDS.map(
    (k) =>
      `<label class="check"><input type="checkbox" name="transientKinds" value="${k}"${
        faults.transientKinds.includes(k) ? ' checked' : ''
      }> ${escapeHtml(KIND_LABELS[k])}</label>`,
  ).join('');
  const failing = Object.entries(faults.failingSuffixes)
    .map(([s, c]) => `${s}=${c}`)
    .join(', ');
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Symulator SMSAPI - wysłane SMS-y</title><style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6fa;color:#1d2433}
header{background:#1a1f71;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:13px;opacity:.8}
main{padding:16px 24px}section{background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(20,30,60,.08);padding:16px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 10px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7ef;vertical-align:top}th{background:#f0f2f7}
td.msg{white-space:pre-wrap;max-width:520px}.st{font-weight:600}.DELIVERED{color:#137333}.UNDELIVERED{color:#b3261e}.QUEUE{color:#8a6d00}.SENT{color:#1a5fb4}
form.faults{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px 18px;font-size:13px}
form.faults input[type=text],form.faults input[type=number]{width:100%;box-sizing:border-box;padding:5px}
.check{display:block}.actions{display:flex;gap:10px;align-items:end}
button{background:#1a1f71;color:#fff;border:0;border-radius:5px;padding:8px 16px;cursor:pointer}button.secondary{background:#fff;color:#1a1f71;border:1px solid #1a1f71}
.notice{background:#fff4ce;padding:8px 12px;border-radius:6px;margin-bottom:12px}small{color:#6b7385}
</style></head><body>
<header><h1>Symulator SMSAPI</h1><p>Wysłane SMS-y, konta i awarie na żądanie / Sent SMS, accounts and fault injection</p></header>
<main>${notice ? `<div class="notice">${escapeHtml(notice)}</div>` : ''}
<section><h2>Wysłane SMS-y / Outbox <small id="count"></small></h2>
<table><thead><tr><th>Data / Date</th><th>Konto</th><th>Nadawca / Sender</th><th>Odbiorca / To</th><th>Treść / Message</th><th>Części / Parts</th><th>idx</th><th>Status</th></tr></thead>
<tbody id="outbox"><tr><td colspan="8">Ładowanie... / Loading...</td></tr></tbody></table></section>
<section><h2>Konta / Accounts</h2><table><thead><tr><th>Login</th><th>Punkty / Points</th><th>Pola nadawcy / Sender names</th><th>Czarna lista</th></tr></thead><tbody>${accounts}</tbody></table></section>
<section><h2>Awarie / Faults</h2>
<form class="faults" method="post" action="/__sim/faults">
<input type="hidden" name="kindsSubmitted" value="1">
<label>Odsetek nieudanych wywołań sms.do (0-1) / transient failure rate<input type="number" name="transientRate" min="0" max="1" step="0.05" value="${faults.transientRate}"></label>
<div>Rodzaje / kinds:${kinds}</div>
<label>Czas zawieszenia (ms) / hang time<input type="number" name="timeoutMs" min="0" step="500" value="${faults.timeoutMs}"></label>
<label>Końcówki numerów z błędem (końcówka=kod) / failing suffixes<input type="text" name="failingSuffixes" value="${escapeHtml(failing)}"></label>
<label>Końcówki niedoręczanych / undelivered suffixes<input type="text" name="undeliveredSuffixes" value="${escapeHtml(faults.undeliveredSuffixes.join(', '))}"></label>
<label>Końcówki wyłączonych telefonów (SMS wygasa) / phones off (SMS expires)<input type="text" name="unreachableSuffixes" value="${escapeHtml(faults.unreachableSuffixes.join(', '))}"></label>
<div class="actions"><button type="submit">Zapisz / Save</button></div>
</form>
<form class="faults" method="post" action="/__sim/points">
<label>Login<input type="text" name="username" value="demo-shop"></label>
<label>Ustaw punkty / set points<input type="number" name="points" min="0" step="0.01"></label>
<div class="actions"><button type="submit">Zapisz / Save</button></div>
</form>
<form method="post" action="/__sim/reset" style="margin-top:12px"><button type="submit" class="secondary">Wyczyść skrzynkę i awarie / Reset</button></form>
</section></main>
<script>
const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; };
async function refresh() {
  try {
    const list = await (await fetch('/__sim/outbox.json', { cache: 'no-store' })).json();
    const body = document.getElementById('outbox');
    body.replaceChildren();
    document.getElementById('count').textContent = '(' + list.length + ')';
    if (list.length === 0) { const tr = document.createElement('tr'); const td = cell('Brak wysłanych SMS-ów / Nothing sent yet'); td.colSpan = 8; tr.append(td); body.append(tr); }
    for (const sms of list.slice().reverse()) {
      const tr = document.createElement('tr');
      const when = new Date(sms.scheduledFor || sms.createdAt).toLocaleString('pl-PL') + (sms.scheduledFor ? ' (zaplanowany)' : '');
      tr.append(cell(when), cell(sms.account), cell(sms.from), cell('+' + sms.to), cell(sms.message, 'msg'),
        cell(sms.parts + ' (' + sms.encoding + ')'), cell(sms.idx || ''), cell(sms.status, 'st ' + sms.status));
      body.append(tr);
    }
  } catch (e) { /* the simulator restarts: try again on the next tick */ }
}
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
}
