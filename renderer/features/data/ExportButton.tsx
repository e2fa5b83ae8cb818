import { useEffect, useId, useState } from 'react';
import { base64ToBytes } from '../../../shared/api/files';
import { defaultExportColumns, EXPORT_COLUMNS, type ExportList } from '../../../shared/features/data/export-columns';
import type { ExportFormat, ExportInput } from '../../../shared/features/data/schemas';
import { api, toApiError } from '../../api/client';
import { saveFile } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import type { ApiError } from '../../../shared/api/errors';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Bytes sent by main as base64, saved where the user chooses (or downloaded in web mode). */
export async function saveBase64(fileName: string, base64: string, mime: string): Promise<boolean> {
  const bytes = base64ToBytes(base64);
  return saveFile(fileName, new Blob([bytes as BlobPart], { type: mime }));
}

interface ExportButtonProps {
  list: ExportList;
  /** The list's current search and filters, so the file holds what the screen shows. */
  filter?: ExportInput['filter'];
}

/** "Exporter": a button for any list page, opening the column picker. */
export function ExportButton({ list, filter }: ExportButtonProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
        {t('data.ui.export')}
      </button>
      {open ? <ExportDialog list={list} filter={filter} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function ExportDialog({ list, filter, onClose }: ExportButtonProps & { onClose: () => void }) {
  const { t, tKey } = useI18n();
  const id = useId();
  const columns = EXPORT_COLUMNS[list];
  const [chosen, setChosen] = useState<string[]>(() => defaultExportColumns(list));
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [presetName, setPresetName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const presets = useQuery('data.presets.list', { kind: 'export', target: list });

  useEffect(() => setNotice(null), [chosen, format]);

  const toggle = (key: string, on: boolean) =>
    setChosen((prev) => {
      const next = on ? [...prev, key] : prev.filter((k) => k !== key);
      // Keep the list's own order, whatever the order of the clicks.
      return columns.map((c) => c.key).filter((k) => next.includes(k));
    });

  const applyPreset = (presetId: string) => {
    const preset = presets.data?.find((p) => String(p.id) === presetId);
    if (!preset) return;
    setChosen(columns.map((c) => c.key).filter((k) => preset.config.fields?.includes(k)));
    if (preset.config.format) setFormat(preset.config.format);
    setPresetName(preset.name);
  };

  const savePreset = async () => {
    setError(null);
    try {
      await api.call('data.presets.save', { kind: 'export', target: list, name: presetName, config: { fields: chosen, format } });
      setNotice(t('data.ui.presetSaved', { name: presetName.trim() }));
      presets.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('data.export', { list, columns: chosen, format, filter, language: 'fr' });
      const saved = await saveBase64(result.fileName, result.base64, MIME[format]);
      if (saved) onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('data.ui.exportTitle', { list: t(`data.ui.list.${list}`) })} onClose={onClose} size="large">
      <ErrorBanner error={error} />
      {notice ? (
        <p className="banner banner-success" role="status">
          {notice}
        </p>
      ) : null}
      {presets.data?.length ? (
        <div className="field">
          <label htmlFor={`${id}-preset`}>{t('data.ui.preset')}</label>
          <select id={`${id}-preset`} defaultValue="" onChange={(e) => applyPreset(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {presets.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <fieldset className="subform">
        <legend>{t('data.ui.columns')}</legend>
        <div className="form-grid">
          {columns.map((c) => (
            <div className="field field-check" key={c.key}>
              <input id={`${id}-col-${c.key}`} type="checkbox" checked={chosen.includes(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />
              <label htmlFor={`${id}-col-${c.key}`}>{tKey(c.label)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="subform">
        <legend>{t('data.ui.format')}</legend>
        {(['csv', 'xlsx'] as const).map((f) => (
          <div className="field field-check" key={f}>
            <input id={`${id}-format-${f}`} type="radio" name={`${id}-format`} checked={format === f} onChange={() => setFormat(f)} />
            <label htmlFor={`${id}-format-${f}`}>{t(`data.ui.format.${f}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="input-with-action">
        <div className="field">
          <label htmlFor={`${id}-preset-name`}>{t('data.ui.presetName')}</label>
          <input id={`${id}-preset-name`} value={presetName} onChange={(e) => setPresetName(e.target.value)} maxLength={100} />
        </div>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void savePreset()} disabled={!presetName.trim() || chosen.length === 0}>
          {t('data.ui.savePreset')}
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={busy || chosen.length === 0}>
          {t('data.ui.exportRun', { count: chosen.length })}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
      </div>
    </Modal>
  );
}
