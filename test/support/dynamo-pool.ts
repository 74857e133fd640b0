// A pool of fresh DynamoDB Local instances, one per test runtime. DynamoDB Local slows down with every stream it
// has ever held: each write to a table with a stream scans the stream bookkeeping of the whole instance, so on
// one shared instance a write cost 0.2 ms for the first suite and over 10 ms forty suites later (tables deleted or
// not), and the suites that write tens of thousands of items ran into their timeouts. A fresh instance per runtime
// keeps every suite as fast as it is alone; the pool starts the next ones while tests run, so a lease rarely waits
// for Java to start.
//
// The pool lives in jest's main process (global-setup starts it) and answers on 127.0.0.1: POST /lease gives
// `{ id, endpoint }`, POST /release/:id stops that instance. Test processes find it through DYNAMODB_POOL.
import { createServer, type Server } from 'node:http';
import { PortInUseError, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { freePort } from './load-child';

export interface DynamoPool {
  url: string;
  stop(): Promise<void>;
}

export async function startDynamoPool(options: { spares: number }): Promise<DynamoPool> {
  const spares: Promise<DynamoDbLocal>[] = [];
  const leased = new Map<string, DynamoDbLocal>();
  let nextId = 0;
  let stopping = false;

  const startOne = () => {
    const started = startOnAFreePort();
    // A spare that failed to start fails the lease that takes it (with Java's message), not the process.
    started.catch(() => undefined);
    return started;
  };
  const refill = () => {
    while (!stopping && spares.length < options.spares) spares.push(startOne());
  };
  refill();

  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method === 'POST' && req.url === '/lease') {
        const next = spares.shift() ?? startOne();
        refill();
        try {
          const instance = await next;
          const id = String(++nextId);
          leased.set(id, instance);
          answer(200, { id, endpoint: instance.endpoint });
        } catch (error) {
          answer(500, { error: String(error) });
        }
        return;
      }
      const release = req.method === 'POST' ? /^\/release\/(\d+)$/.exec(req.url ?? '') : null;
      if (release) {
        const instance = leased.get(release[1]!);
        leased.delete(release[1]!);
        await instance?.stop();
        answer(200, { released: Boolean(instance) });
        return;
      }
      answer(404, { error: 'NOT_FOUND' });
    })();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      stopping = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const all = [...leased.values(), ...(await Promise.allSettled(spares)).flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))];
      await Promise.all(all.map((instance) => instance.stop()));
    },
  };
}

/**
 * Starts DynamoDB Local on a port that was free a moment ago. Java takes a second or two to bind it, and in that
 * time the port can be taken (`freePort` says how that is made unlikely), so a start that could not bind is tried
 * again on another port.
 */
async function startOnAFreePort(attempts = 3): Promise<DynamoDbLocal> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamoDbLocal({ port: await freePort() });
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= attempts) throw error;
    }
  }
}

/** A fresh DynamoDB Local from the run's pool (see above); `release` stops it. */
export async function leaseDynamoDbLocal(): Promise<{ endpoint: string; release(): Promise<void> }> {
  const pool = process.env.DYNAMODB_POOL;
  if (!pool) throw new Error('DYNAMODB_POOL is not set: run through jest (the integration project starts the pool)');
  const res = await fetch(`${pool}/lease`, { method: 'POST' });
  const body = (await res.json()) as { id?: string; endpoint?: string; error?: string };
  if (!res.ok || !body.id || !body.endpoint) throw new Error(`DYNAMODB_POOL_LEASE_FAILED: ${body.error ?? res.status}`);
  return {
    endpoint: body.endpoint,
    release: async () => {
      await fetch(`${pool}/release/${body.id}`, { method: 'POST' });
    },
  };
}
