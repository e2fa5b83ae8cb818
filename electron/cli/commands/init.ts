import fs from 'node:fs';
import { defineCommand } from '../command';

export const initCommand = defineCommand({
  name: 'init',
  summary: 'cli.init.summary',
  description: 'cli.init.description',
  examples: ['npm run cli -- init', 'npm run cli -- init --db ~/essai/maillage.sqlite', 'npm run cli -- init --db postgres://maillage@serveur:5432/reseau?sslmode=require'],
  async run(ctx) {
    const fileExisted = fs.existsSync(ctx.dbTarget) && fs.statSync(ctx.dbTarget).size > 0;
    await ctx.withStore(async (store) => {
      const existed = store.dialect === 'postgres' ? (store.previousVersion ?? 0) > 0 : fileExisted;
      if (store.dialect === 'postgres' && existed && store.previousVersion !== store.schemaVersion) {
        ctx.out(ctx.t('pg.cli.init.migrated', { target: ctx.dbPath, from: store.previousVersion ?? 0, schema: store.schemaVersion }));
        return;
      }
      const params = { file: ctx.dbPath, schema: store.schemaVersion };
      if (!existed) ctx.out(ctx.t('cli.init.created', params));
      else if (store.migrationBackup) ctx.out(ctx.t('cli.init.migrated', { ...params, backup: store.migrationBackup }));
      else ctx.out(ctx.t('cli.init.upToDate', params));
    });
  },
});
