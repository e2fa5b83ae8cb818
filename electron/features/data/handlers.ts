import { bytesToBase64 } from '../../../shared/api/files';
import type { Handlers } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { RETENTION } from '../../../shared/features/data/schemas';
import { today, type ServiceContext } from '../../app/context';
import { exportArchive, serializeArchive, summarizeArchive } from '../archive/export';
import { backupsDirFor, isSqliteStore, type SqliteStore, type Store } from '../../store/engine';
import { listChanges } from './audit';
import { backupAnchor, createStoreBackup, listBackups, pruneBackups, resolveBackupPath, restoreArchiveBackup, restoreDatabase } from './backup';
import { copyToBackupFolder, getBackupFolder, setBackupFolder } from './backup-folder';
import path from 'node:path';
import { checkDatabase } from './check';
import { exportList } from './export';
import { analyzeImport, commitImport, importTypes } from './import/service';
import { deletePreset, listPresets, savePreset } from './presets';
import { erasePerson, exportPersonalData, getPrivacySettings, registerData, reviewList, savePrivacySettings } from './privacy';
import { decodeBase64File, parseSpreadsheet } from './sheets/read';
import { StoreHolder } from './store-holder';

type DataHandlers = Pick<Handlers, (`data.${string}` | `privacy.${string}` | `audit.${string}`) & keyof Handlers>;

/**
 * `store` is the one the handlers serve: a StoreHolder in the long-running processes, so that a
 * restore can close and reopen it; a plain Store elsewhere (tests, CLI), where restoring through
 * the API is refused and the CLI's `restore` command is the way.
 */
export function dataHandlers(ctx: ServiceContext, served: Pick<Store, 'db' | 'schemaVersion'> & Partial<Store>, dataDir?: string): DataHandlers {
  /**
   * The store whose backups these are: a SQLite file (copies of the file) or a PostgreSQL base
   * (archives in `dataDir`'s backups folder, see archiveBackupAnchor). The benchmark's bare
   * handlers have neither file nor URL.
   */
  const backedUp = (): Store => {
    if (served.dialect === 'postgres') return served as Store;
    if (!served.file || !served.sqlite) throw new AppError('FORBIDDEN', 'data.restore.unavailable');
    return served as SqliteStore;
  };
  return {
    'data.backups.list': async () => {
      const anchor = backupAnchor(backedUp(), dataDir);
      return { folder: backupsDirFor(anchor), copyFolder: await getBackupFolder(ctx.db), items: listBackups(anchor), retention: { ...RETENTION } };
    },
    'data.backups.create': async ({ kind }) => {
      const store = backedUp();
      const backup = await createStoreBackup(store, kind ?? 'manuel', ctx.now(), dataDir);
      const anchor = backupAnchor(store, dataDir);
      pruneBackups(anchor);
      const folder = await getBackupFolder(ctx.db);
      if (!folder) return { ...backup, copiedTo: null };
      // The copy on this machine is made; a missing key or share is said, naming the folder.
      return { ...backup, copiedTo: copyToBackupFolder(folder, path.join(backupsDirFor(anchor), backup.name)) };
    },
    'data.backups.setFolder': async ({ folder }) => ({ folder: await setBackupFolder(ctx, folder) }),
    'data.backups.restore': async ({ name }) => {
      const store = backedUp();
      const file = resolveBackupPath(backupAnchor(store, dataDir), name);
      // PostgreSQL: replaced in one transaction, no file to reopen; any store will do.
      if (!isSqliteStore(store)) return restoreArchiveBackup(store, file, { now: ctx.now(), runtime: ctx.runtime, dataDir });
      if (!(store instanceof StoreHolder)) throw new AppError('FORBIDDEN', 'data.restore.unavailable');
      return restoreDatabase(store, file, { now: ctx.now(), runtime: ctx.runtime });
    },
    'data.check': () => checkDatabase(backedUp()),
    'data.import.types': () => importTypes(ctx),
    'data.import.analyze': ({ fileName, base64, type, mapping }) => analyzeImport(ctx, parseSpreadsheet(decodeBase64File(base64), fileName), type, mapping),
    'data.import.commit': ({ fileName, base64, ...options }) => commitImport(ctx, parseSpreadsheet(decodeBase64File(base64), fileName), options, fileName),
    'data.archive.export': async () => {
      const archive = await exportArchive(ctx.db, { schemaVersion: served.schemaVersion, now: ctx.now });
      const bytes = new TextEncoder().encode(serializeArchive(archive));
      return { fileName: `maillage-archive-${today(ctx)}.json`, base64: bytesToBase64(bytes), rows: summarizeArchive(archive).totalRows };
    },
    'data.export': async (options) => {
      const { fileName, bytes, rows } = await exportList(ctx, options);
      return { fileName, base64: bytesToBase64(bytes), rows };
    },
    'data.presets.list': ({ kind, target }) => listPresets(ctx, kind, target),
    'data.presets.save': (values) => savePreset(ctx, values),
    'data.presets.delete': ({ id }) => deletePreset(ctx, id),
    'privacy.settings.get': () => getPrivacySettings(ctx),
    'privacy.settings.save': (values) => savePrivacySettings(ctx, values),
    'privacy.review': ({ years }) => reviewList(ctx, years),
    'privacy.personExport': ({ personId }) => exportPersonalData(ctx, personId),
    'privacy.erase': ({ personId }) => erasePerson(ctx, personId),
    'privacy.register': () => registerData(ctx),
    'audit.list': async ({ entity, entityId, limit }) => ({ items: await listChanges(ctx, entity, entityId, limit) }),
  };
}
