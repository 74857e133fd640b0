// `npm start`: the whole product locally. Data survives restarts in .local/ (delete it to start afresh).
import { join } from 'node:path';
import { startLocalRuntime } from './runtime';
import { PortInUseError } from './dynamodb';
import { buildFrontendIfPresent } from './frontend';
import { assertJava, JavaMissingError } from './java';

const PORTS = {
  PORT: Number(process.env.PORT ?? 3000),
  SHOP_SIMULATOR_PORT: Number(process.env.SHOP_SIMULATOR_PORT ?? 3100),
  SMSAPI_SIMULATOR_PORT: Number(process.env.SMSAPI_SIMULATOR_PORT ?? 3200),
  DYNAMODB_LOCAL_PORT: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8321),
};

async function main() {
  assertJava();
  const port = PORTS.PORT;
  await buildFrontendIfPresent();
  const runtime = await startLocalRuntime({
    port,
    shopPort: PORTS.SHOP_SIMULATOR_PORT,
    smsapiPort: PORTS.SMSAPI_SIMULATOR_PORT,
    dynamoPort: PORTS.DYNAMODB_LOCAL_PORT,
    dataDir: process.env.LOCAL_DATA_DIR ?? join(__dirname, '..', '.local'),
    quiet: process.env.QUIET === '1',
  });
  const demo = runtime.shop.createShop({ slug: 'demo', name: 'Sklep Demo' });
  process.stdout.write(
    [
      '',
      'SMS notifications for Shoper — running locally',
      `  App (API + admin page)  ${runtime.url}/  (admin SPA at ${runtime.url}/app/)`,
      `  Shop simulator          ${runtime.shop.url}/s/${demo.slug}/admin   (install the app there, then open it)`,
      `  SMSAPI simulator        ${runtime.smsapi.url}/   (the outbox: every SMS "sent")`,
      `  Fast-forward the clock  curl -X POST ${runtime.url}/local/clock/advance -H 'content-type: application/json' -d '{"days":1}'`,
      '',
    ].join('\n') + '\n',
  );
  const stop = async () => {
    process.stdout.write('Stopping…\n');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** What listens on each port setting, for the one line a port in use gets. */
const SERVERS: Record<keyof typeof PORTS, string> = {
  PORT: 'The app',
  SHOP_SIMULATOR_PORT: 'The shop simulator',
  SMSAPI_SIMULATOR_PORT: 'The SMSAPI simulator',
  DYNAMODB_LOCAL_PORT: 'DynamoDB Local',
};

/** Node's "address in use" for one of the servers above, as the same one line DynamoDB Local's gets. */
function portInUse(error: unknown): PortInUseError | undefined {
  const { code, port } = (error ?? {}) as { code?: string; port?: number };
  const setting = (Object.keys(PORTS) as (keyof typeof PORTS)[]).find((name) => PORTS[name] === port);
  return code === 'EADDRINUSE' && setting ? new PortInUseError(PORTS[setting], SERVERS[setting], setting) : undefined;
}

main().catch((caught) => {
  const error = portInUse(caught) ?? caught;
  // A missing prerequisite or a port in use is one line saying what to do; anything else keeps its stack for debugging.
  if (error instanceof JavaMissingError || error instanceof PortInUseError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
