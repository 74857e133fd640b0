// `npm start`: the whole product locally. Data survives restarts in .local/ (delete it to start afresh).
import { join } from 'node:path';
import { startLocalRuntime } from './runtime';
import { buildFrontendIfPresent } from './frontend';
import { assertJava, JavaMissingError } from './java';

async function main() {
  assertJava();
  const port = Number(process.env.PORT ?? 3000);
  await buildFrontendIfPresent();
  const runtime = await startLocalRuntime({
    port,
    shopPort: Number(process.env.SHOP_SIMULATOR_PORT ?? 3100),
    smsapiPort: Number(process.env.SMSAPI_SIMULATOR_PORT ?? 3200),
    dynamoPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8321),
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

main().catch((error) => {
  // A missing prerequisite is one line saying what to install; anything else keeps its stack for debugging.
  if (error instanceof JavaMissingError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
