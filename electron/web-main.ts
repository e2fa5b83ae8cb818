import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher } from './api/dispatch';
import { exitOnFatal, stopOnSignals } from './app/program';
import { appClock, FIXED_NOW_VARIABLE } from './app/clock';
import { createHandlers } from './app/handlers';
import { defaultDatabasePath } from './app/paths';
import { openHolder, startAutomaticBackups } from './features/data/backup';
import { describeTarget, isPostgresTarget } from './store/engine';
import { startWebServer } from './web/server';

const HELP = `Usage : npm run web -- [--db FICHIER|postgres://…] [--port N]

Sert l’interface de Maillage et son API sur 127.0.0.1 seulement, avec un jeton aléatoire.
Ouvrez l’adresse affichée (jeton compris) dans un navigateur.

  --db FICHIER   base de données (par défaut : celle de l’application, ${defaultDatabasePath()}),
                 ou base PostgreSQL partagée : postgres://utilisateur@hôte:port/base (mot de passe : PGPASSWORD ou ~/.pgpass)
  --port N       port d’écoute (par défaut : 5180 ; 0 = un port libre au hasard)
  --now INSTANT  heure fixe, pour les tests (ou la variable ${FIXED_NOW_VARIABLE}), ex. 2026-03-12T10:00:00Z
  --help         cette aide`;

async function main() {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const port = values.port === undefined ? 5180 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port invalide : ${values.port}`);
  // Tests fix the clock (the page's clock is set to the same instant by Playwright).
  const now = values.now !== undefined ? appClock(values.now, '--now') : appClock();
  const given = values.db ?? defaultDatabasePath();
  const dbFile = isPostgresTarget(given) ? given : path.resolve(given);
  // A holder, so that a restore from the UI can close and reopen the file under the same handlers.
  const store = await openHolder(dbFile);
  const stopBackups = startAutomaticBackups(store, { now });
  const dispatch = createDispatcher(createHandlers(store, { runtime: 'web', now }), {
    validateOutput: process.env.MAILLAGE_VALIDATE_OUTPUT === '1',
    onInternalError: (method, error) => console.error(`[${method}]`, error),
  });
  const staticDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  const server = await startWebServer({ dispatch, staticDir, port });
  process.stdout.write(`Maillage web : ${server.url}\n`);
  process.stdout.write(`Base de données : ${describeTarget(dbFile)}\n`);

  stopOnSignals(async () => {
    await server.close();
    await stopBackups();
    await store.close();
  });
}

main().catch(exitOnFatal('Maillage web'));
