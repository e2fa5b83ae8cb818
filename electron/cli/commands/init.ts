import fs from 'node:fs';
import { defineCommand } from '../command';

export const initCommand = defineCommand({
  name: 'init',
  summary: 'cli.init.summary',
  description: 'cli.init.description',
  examples: ['npm run cli -- init', 'npm run cli -- init --db ~/essai/maillage.sqlite'],
  async run(ctx) {
    const existed = fs.existsSync(ctx.dbPath) && fs.statSync(ctx.dbPath).size > 0;
    await ctx.withStore(async (store) => {
      const params = { file: ctx.dbPath, schema: store.schemaVersion };
      if (!existed) ctx.out(ctx.t('cli.init.created', params));
      else if (store.migrationBackup) ctx.out(ctx.t('cli.init.migrated', { ...params, backup: store.migrationBackup }));
      else ctx.out(ctx.t('cli.init.upToDate', params));
    });
  },
});
