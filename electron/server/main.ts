import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { translate } from '../../shared/i18n/index';
import { exitOnFatal, stopOnSignals } from '../app/program';
import { appClock, FIXED_NOW_VARIABLE } from '../app/clock';
import { rememberPublicUrl, PUBLIC_URL_SETTING } from '../features/accounts/service';
import { describeTarget, isPostgresTarget, openStore } from '../store/engine';
import { startServer } from './server';

const HELP = `Usage : npm run server -- --db postgres://… [--listen 127.0.0.1:8080] [--tls-cert FICHIER --tls-key FICHIER] [--public-url https://…]

Le serveur du réseau : l’interface de Maillage et son API pour plusieurs comptes à la fois,
sur une base PostgreSQL partagée. Les comptes se créent avec « npm run cli -- users add ».

  --db URL           base PostgreSQL : postgres://utilisateur@hôte:port/base (mot de passe : PGPASSWORD ou ~/.pgpass)
  --listen HÔTE:PORT adresse d’écoute (par défaut 127.0.0.1:8080) ; sans TLS, la boucle locale seulement
  --tls-cert FICHIER certificat PEM : le serveur parle HTTPS lui-même (avec --tls-key)
  --tls-key FICHIER  clé privée PEM du certificat
  --public-url URL   adresse publique (derrière un proxy inverse HTTPS) : origine acceptée, base des liens d’invitation
  --now INSTANT      heure fixe, pour les tests (ou la variable ${FIXED_NOW_VARIABLE})
  --help             cette aide`;

export interface ListenAddress {
  host: string;
  port: number;
}

/** `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:443`. */
export function parseListen(value: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new AppError('VALIDATION', 'server.error.badListen', { listen: value });
  return { host: match[1] ?? match[2]!, port };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function fail(key: Parameters<typeof translate>[1], params?: Record<string, string | number>): never {
  throw new AppError('VALIDATION', key, params);
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'public-url': { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!values.db) fail('server.error.dbMissing');
  // One writer at a time: a SQLite file cannot serve a network's accounts at once.
  if (!isPostgresTarget(values.db)) fail('server.error.sqlite', { target: values.db });
  const listen = parseListen(values.listen ?? '127.0.0.1:8080');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) fail('server.error.tlsPair');
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] && values['tls-key']) {
    const read = (file: string) => {
      try {
        return fs.readFileSync(file);
      } catch {
        return fail('server.error.tlsFile', { file });
      }
    };
    tls = { cert: read(values['tls-cert']), key: read(values['tls-key']) };
  }
  if (!tls && !LOOPBACK.has(listen.host)) fail('server.error.publicWithoutTls', { host: listen.host });
  const now = values.now !== undefined ? appClock(values.now, '--now') : appClock();

  const store = await openStore(values.db, { max: 20 });
  const ctx = { db: store.db, now, runtime: 'server' as const };
  if (values['public-url']) await rememberPublicUrl(ctx, values['public-url']);
  const server = await startServer({
    store,
    now,
    host: listen.host,
    port: listen.port,
    tls,
    publicUrl: values['public-url'],
    staticDir: fileURLToPath(new URL('../../out/renderer/', import.meta.url)),
    validateOutput: process.env.MAILLAGE_VALIDATE_OUTPUT === '1',
    onInternalError: (method, error) => console.error(`[${method}]`, error),
  });
  // Invitation links need a base: without --public-url, the address served here (kept if one is already set).
  const kept = await store.db.selectFrom('settings').select('value').where('key', '=', PUBLIC_URL_SETTING).executeTakeFirst();
  if (!kept) await rememberPublicUrl(ctx, server.url);

  process.stdout.write(`${translate('fr', 'server.notice.listening', { url: server.url })}\n`);
  process.stdout.write(`${translate('fr', 'server.notice.database', { target: describeTarget(values.db) })}\n`);
  if (!tls) process.stdout.write(`${translate('fr', 'server.notice.proxy', { url: server.url })}\n`);

  stopOnSignals(async () => {
    await server.close();
    await store.close();
  });
}

main().catch(exitOnFatal('Serveur Maillage'));
