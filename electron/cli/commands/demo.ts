import { AppError } from '../../../shared/api/errors';
import { clearArchivedTables, countArchivedRows } from '../../features/archive/import';
import { generateDemo } from '../../features/demo/generate';
import { backupBeforeReplacing } from '../backup';
import { defineCommand } from '../command';
import { formatInteger } from '../format';

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'cli.demo.summary',
  description: 'cli.demo.description',
  options: { force: { type: 'boolean', description: 'cli.demo.force' } },
  examples: ['npm run cli -- demo --db /tmp/demo.sqlite', 'npm run cli -- demo --force'],
  async run(ctx) {
    await ctx.withApi(async (api, store) => {
      const existing = await countArchivedRows(store.db);
      if (existing > 0 && !ctx.options.force) throw new AppError('CONFLICT', 'cli.demo.notEmpty', { file: ctx.dbPath, count: formatInteger(existing) });
      const fill = async () => {
        if (existing > 0) {
          ctx.out(ctx.t('cli.backup.done', { file: await backupBeforeReplacing(store, 'demo', ctx.now()) }));
          await store.db.transaction().execute((trx) => clearArchivedTables(trx));
        }
        try {
          return await generateDemo(api, { now: ctx.now() });
        } catch (error) {
          // Each service call commits on its own: undo the partial demo so the database is empty again.
          await store.db.transaction().execute((trx) => clearArchivedTables(trx));
          throw error;
        }
      };
      // Emptying the base is refused while another process (web mode, the app) has it open.
      const summary = existing > 0 ? await store.exclusive('replace', fill) : await fill();
      ctx.out(
        ctx.t('cli.demo.done', {
          file: ctx.dbPath,
          organisations: summary.organisations,
          people: summary.people,
          memberships: summary.memberships,
          firstYear: summary.firstYear,
          lastYear: summary.lastYear,
        }),
      );
    });
  },
});
