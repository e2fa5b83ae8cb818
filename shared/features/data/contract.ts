import { z } from 'zod';
import { method } from '../../api/method';
import { checkedText, id } from '../../validation/fields';
import {
  auditEntrySchema,
  auditQuerySchema,
  backupListSchema,
  backupNameSchema,
  backupSchema,
  checkReportSchema,
  erasureResultSchema,
  exportInputSchema,
  exportResultSchema,
  importAnalysisSchema,
  importCommitSchema,
  importFileSchema,
  importResultSchema,
  importTypeInfoSchema,
  personalDataSchema,
  presetInputSchema,
  presetQuerySchema,
  presetSchema,
  privacySettingsSchema,
  registerDataSchema,
  restoreResultSchema,
  reviewListSchema,
} from './schemas';

/** Data safety and portability: backups, checks, spreadsheet import and export, personal data, change log. */
export const dataContract = {
  'data.backups.list': method(z.object({}), backupListSchema),
  // `avant-import`: the copy the import page takes first, which its « Annuler cet import » restores.
  'data.backups.create': method(z.object({ kind: z.enum(['manuel', 'avant-import']).optional() }), backupSchema),
  'data.backups.restore': method(backupNameSchema, restoreResultSchema),
  'data.check': method(z.object({}), checkReportSchema),
  'data.import.types': method(z.object({}), importTypeInfoSchema),
  'data.import.analyze': method(importFileSchema, importAnalysisSchema),
  'data.import.commit': method(importCommitSchema, importResultSchema),
  'data.export': method(exportInputSchema, exportResultSchema),
  /** The JSON archive of every record, as `npm run cli -- export` writes it, for the secretary to keep elsewhere. */
  'data.archive.export': method(z.object({}), exportResultSchema),
  'data.presets.list': method(presetQuerySchema, z.array(presetSchema)),
  'data.presets.save': method(presetInputSchema, presetSchema),
  'data.presets.delete': method(z.object({ id }), z.object({ removed: z.boolean() })),
  'privacy.settings.get': method(z.object({}), privacySettingsSchema),
  'privacy.settings.save': method(privacySettingsSchema, privacySettingsSchema),
  'privacy.review': method(z.object({ years: z.number().int().min(1).max(30).optional() }), reviewListSchema),
  'privacy.personExport': method(z.object({ personId: id }), personalDataSchema),
  'privacy.erase': method(z.object({ personId: id, confirm: z.literal(true, { error: 'error.data.confirmErase' }) }), erasureResultSchema),
  'privacy.register': method(z.object({}), registerDataSchema),
  'audit.list': method(auditQuerySchema, z.object({ items: z.array(auditEntrySchema) })),
  /** Where every backup is copied as well (a USB key, a shared folder); null: this machine only. */
  'data.backups.setFolder': method(z.object({ folder: checkedText('line', (s) => s.max(1000, 'error.tooLong')).nullable() }), z.object({ folder: z.string().nullable() })),
};
