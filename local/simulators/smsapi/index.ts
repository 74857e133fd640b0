// SMSAPI simulator: a standalone node:http server that answers like https://api.smsapi.pl, so the app's real
// HTTP client talks to it unchanged, while tests and people see the outbox and inject faults.
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DeliveryWorker } from './delivery-reports';
import { defaultFaults, makeRandom, mergeFaults } from './faults';
import { createRequestHandler, publicSms, type SimulatorContext } from './routes';
import { SimulatorStore } from './store';
import type { ApiRequestRecord, FaultSettings, SmsapiSimulator, SmsapiSimulatorOptions } from './types';

export type {
  ApiRequestRecord,
  FaultSettings,
  SenderName,
  SimulatedSms,
  SmsapiSimulator,
  SmsapiSimulatorOptions,
  TransientFaultKind,
} from './types';
export { DEMO_TOKEN, DEMO_USERNAME } from './store';
export { OAUTH_CLIENTS } from './oauth';

export async function startSmsapiSimulator(options: SmsapiSimulatorOptions = {}): Promise<SmsapiSimulator> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const store = new SimulatorStore(options.stateFile);
  store.load();

  let faults: FaultSettings = defaultFaults();
  let random = makeRandom(faults.seed);
  const requests: ApiRequestRecord[] = [];
  const hanging = new Map<NodeJS.Timeout, Socket>();

  const worker = new DeliveryWorker({
    store,
    now,
    reportDelayMs: options.reportDelayMs ?? 1000,
    faults: () => faults,
  });

  const setFaults: SimulatorContext['setFaults'] = (patch) => {
    const merged = mergeFaults(faults, patch);
    if (!merged.ok) return merged.error;
    faults = merged.faults;
    if ('seed' in patch) random = makeRandom(faults.seed);
    return null;
  };

  const reset = (): void => {
    store.reset();
    requests.length = 0;
    faults = defaultFaults();
    random = makeRandom(faults.seed);
    worker.forgetPending();
  };

  const hang = (res: ServerResponse, ms: number): void => {
    const socket = res.socket;
    if (!socket) return;
    const timer = setTimeout(() => {
      hanging.delete(timer);
      socket.destroy();
    }, ms);
    hanging.set(timer, socket);
    socket.once('close', () => {
      clearTimeout(timer);
      hanging.delete(timer);
    });
  };

  const ctx: SimulatorContext = {
    store,
    now,
    faults: () => faults,
    setFaults,
    random: () => random(),
    recordRequest: (record) => requests.push(record),
    requests: () => [...requests],
    hang,
    reset,
  };

  const server = createServer(createRequestHandler(ctx));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  worker.start();

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('SIM_LISTEN_FAILED: no TCP address');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url,
    oauthUrl: url,
    outbox: () => store.outbox.map(publicSms),
    requests: () => [...requests],
    setFaults: (patch) => {
      const error = setFaults(patch);
      if (error) throw new Error(`${error.code} (${error.field}): ${error.message}`);
    },
    addAccount: (account) => store.upsertAccount(account, now()),
    setPoints: (username, points) => {
      const account = store.accounts.get(username);
      if (!account) throw new Error(`SIM_ACCOUNT_UNKNOWN: ${username}`);
      account.points = points;
      store.changed();
    },
    reset,
    close: async () => {
      await worker.stop();
      for (const [timer, socket] of hanging) {
        clearTimeout(timer);
        socket.destroy();
      }
      hanging.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      store.flush();
    },
  };
}
