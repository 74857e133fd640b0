// `npm start`: the whole product locally. Data survives restarts in .local/ (delete it to start afresh).
import { join } from 'node:path';
import { startLocalRuntime } from './runtime';
import { PortInUseError } from './dynamodb';
import { buildFrontendIfPresent } from './frontend';
import { assertJava, JavaMissingError } from './java';

/** Each server `npm start` runs: the setting that moves it, what it is called in a message, its port. */
const SERVERS = {
  PORT: { what: 'The app', port: Number(process.env.PORT ?? 3000) },
  SHOP_SIMULATOR_PORT: { what: 'The shop simulator', port: Number(process.env.SHOP_SIMULATOR_PORT ?? 3100) },
  SMSAPI_SIMULATOR_PORT: { what: 'The SMSAPI simulator', port: Number(process.env.SMSAPI_SIMULATOR_PORT ?? 3200) },
  DYNAMODB_LOCAL_PORT: { what: 'DynamoDB Local', port: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8321) },
};

async function main() {
  assertJava();
  await buildFrontendIfPresent();
  const runtime = await startLocalRuntime({
    port: SERVERS.PORT.port,
    shopPort: SERVERS.SHOP_SIMULATOR_PORT.port,
    smsapiPort: SERVERS.SMSAPI_SIMULATOR_PORT.port,
    dynamoPort: SERVERS.DYNAMODB_LOCAL_PORT.port,
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

/** Node's "address in use" for one of the servers above, as the same one line DynamoDB Local's gets. */
function portInUse(error: unknown): PortInUseError | undefined {
  const { code, port } = (error ?? {}) as { code?: string; port?: number };
  if (code !== 'EADDRINUSE') return undefined;
  const [setting, server] = Object.entries(SERVERS).find(([, s]) => s.port === port) ?? [];
  return setting && server ? new PortInUseError(server.port, server.what, setting) : undefined;
}

main().catch((caught) => {
  const error = portInUse(caught) ?? caught;
  // A missing prerequisite or a port in use is one line saying what to do; anything else keeps its stack for debugging.
  if (error instanceof JavaMissingError || error instanceof PortInUseError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
