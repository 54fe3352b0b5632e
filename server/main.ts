// Entry point: `npm start`. Reads the environment, starts Hearth, stops cleanly on SIGTERM.
import { ConfigError, parseConfig } from './config';
import { createLogger } from './log/logger';
import { startServer } from './server';

const log = createLogger();

try {
  const config = parseConfig(process.env);
  const started = performance.now();
  const server = await startServer(config, log);
  log.info('listening', { url: server.url, dataDir: config.dataDir, bootMs: Math.round(performance.now() - started) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await server.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    log.error('failed to start', { err: error });
  }
  process.exit(1);
}
