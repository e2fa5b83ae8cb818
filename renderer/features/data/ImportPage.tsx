import { useId, useRef, useState } from 'react';
import { formatMoment } from '../../i18n/format';
import { Link } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { bytesToBase64 } from '../../../shared/api/files';
import { headerKey, IMPORT_FIELDS, IMPORT_TYPES, type ImportType } from '../../../shared/features/data/import-fields';
import { formatImportIssue } from '../../../shared/features/data/messages';
import { MAX_IMPORT_BYTES, type Backup, type DuplicateChoice, type ImportAnalysis, type ImportResult } from '../../../shared/features/data/schemas';
import { refusedFileName, refusedLinesCsv } from '../../../shared/features/data/refused-lines';
import { api, toApiError } from '../../api/client';
import { saveText } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { FilePicker } from '../../components/FilePicker';
import './import.css';
import { PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

const LIST_OF: Partial<Record<ImportType, string>> = { organisations: '/structures', people: '/personnes', memberships: '/adhesions' };

interface LoadedFile {
  name: string;
  base64: string;
}

/**
 * The import wizard: choose a file and what it holds → check the columns on a preview →
 * see every bad line → choose what to do with duplicates → import, all or nothing.
 */
export function ImportPage() {
  const { t, language, number } = useI18n();
  const id = useId();
  const types = useQuery('data.import.types', {});
  const [type, setType] = useState<ImportType>('organisations');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [mapping, setMapping] = useState<(string | null)[] | null>(null);
  const [choices, setChoices] = useState<{ default: DuplicateChoice; lines: Record<string, DuplicateChoice> }>({ default: 'skip', lines: {} });
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [presetName, setPresetName] = useState('');
  const [presetNotice, setPresetNotice] = useState<string | null>(null);
  /** The copy taken just before the last import, which undoes it; and what the undo said. */
  const [before, setBefore] = useState<Backup | null>(null);
  const [refusedNotice, setRefusedNotice] = useState<string | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typePresets = useQuery('data.presets.list', { kind: 'import', target: type });

  // The rule each duration column was read by (« Heures »: a bare number is hours), once per column.
  const readingRules = [...new Map((analysis?.readings ?? []).filter((r) => r.rule !== 'written' && r.column).map((r) => [r.column!, r.rule])).entries()];

  const analyse = async (loaded: LoadedFile, kind: ImportType, withMapping: (string | null)[] | null) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const next = await api.call('data.import.analyze', { fileName: loaded.name, base64: loaded.base64, type: kind, mapping: withMapping ?? undefined });
      setAnalysis(next);
      setMapping(next.mapping);
    } catch (e) {
      setAnalysis(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (picked: File | undefined) => {
    if (!picked) return;
    setError(null);
    setResult(null);
    if (picked.size > MAX_IMPORT_BYTES) {
      setError({ code: 'VALIDATION', key: 'error.data.importTooLarge', message: '' });
      return;
    }
    const loaded = { name: picked.name, base64: bytesToBase64(new Uint8Array(await picked.arrayBuffer())) };
    setFile(loaded);
    // A corrected file with the same columns keeps the mapping chosen for the first one.
    const sameColumns = analysis && mapping ? mapping : null;
    await analyse(loaded, type, sameColumns);
  };

  const changeType = (next: ImportType) => {
    setType(next);
    setMapping(null);
    setAnalysis(null);
    if (file) void analyse(file, next, null);
  };

  const setField = (column: number, field: string | null) => {
    if (!mapping) return;
    const next = mapping.map((f, i) => (i === column ? field : f === field && field !== null ? null : f));
    setMapping(next);
  };

  const applyPreset = (presetId: string) => {
    const preset = typePresets.data?.find((p) => String(p.id) === presetId);
    if (!preset || !analysis || !file) return;
    const next = analysis.headers.map((h) => preset.config.columns?.[headerKey(h)] ?? null);
    setMapping(next);
    void analyse(file, type, next);
  };

  const savePreset = async () => {
    if (!analysis || !mapping) return;
    const columns: Record<string, string> = {};
    analysis.headers.forEach((h, i) => {
      if (mapping[i]) columns[headerKey(h)] = mapping[i]!;
    });
    try {
      await api.call('data.presets.save', { kind: 'import', target: type, name: presetName, config: { columns } });
      setPresetNotice(t('data.ui.presetSaved', { name: presetName.trim() }));
      typePresets.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const commit = async (validOnly = false) => {
    if (!file || !analysis) return;
    setBusy(true);
    setError(null);
    setUndone(null);
    setRefusedNotice(null);
    try {
      // A copy of the database just before: restoring it undoes the import.
      const backup = await api.call('data.backups.create', { kind: 'avant-import' });
      const done = await api.call('data.import.commit', {
        fileName: file.name,
        base64: file.base64,
        type,
        mapping: mapping ?? undefined,
        duplicates: choices,
        ...(validOnly ? { validOnly: true } : {}),
      });
      setResult(done);
      setBefore(backup);
      if (done.refused) {
        const name = refusedFileName(file.name, t('import.refusedSuffix'));
        const csv = refusedLinesCsv(done.refused, t('import.errorsColumn'), (issue) => formatImportIssue(language, issue));
        await saveText(name, csv, 'text/csv;charset=utf-8');
        setRefusedNotice(t('import.refusedSaved', { count: done.refused.rows.length, file: name }));
      }
      setAnalysis(null);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (!before) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('data.backups.restore', { name: before.name });
      setUndone(t('import.undone', { date: formatMoment(before.at, language) }));
      setResult(null);
      setRefusedNotice(null);
      setBefore(null);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  // The observatory's indicators come from the database: the analysis gives them.
  const fields = (analysis?.type === type ? analysis.fields : undefined) ?? IMPORT_FIELDS[type];
  const mappingChanged = analysis && mapping && mapping.some((f, i) => f !== analysis.mapping[i]);
  const ready = analysis && !mappingChanged && analysis.issueCount === 0;
  const overridden = Object.values(choices.lines).filter((c) => c !== choices.default).length;
  const updates = analysis ? (choices.default === 'update' ? analysis.duplicateCount - overridden : overridden) : 0;
  const creates = analysis ? analysis.rowCount - analysis.duplicateCount : 0;
  const available = (k: ImportType) => types.data?.find((x) => x.type === k);
  // Valid lines can be imported alone when the columns themselves are right (no issue on the title line).
  const refusedCount = analysis ? new Set(analysis.issues.map((i) => i.line)).size : 0;
  const partialPossible =
    analysis && !mappingChanged && analysis.issueCount > 0 && analysis.issues.every((i) => i.line > analysis.headerLine) && analysis.rowCount > refusedCount;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/donnees">{t('data.ui.nav')}</Link>
      </p>
      <PageHeader title={t('data.ui.importTitle')} subtitle={t('data.ui.importIntro')} />
      <ErrorBanner error={error} />
      <SuccessBanner
        message={
          result
            ? t('data.ui.imported', { created: number(result.created), updated: number(result.updated), skipped: number(result.skipped) })
            : null
        }
      />
      <SuccessBanner message={refusedNotice} />
      <SuccessBanner message={undone} />
      {result && before && !result.dryRun ? (
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void undo()} aria-describedby={`${id}-undo-hint`}>
            {t('import.undo')}
          </button>
          <span className="muted" id={`${id}-undo-hint`}>
            {t('import.undoHint', { date: formatMoment(before.at, language) })}
          </span>
        </div>
      ) : null}
      {result && LIST_OF[result.type] ? (
        <p>
          <Link to={LIST_OF[result.type]!}>{t('data.ui.seeList', { list: t(`data.ui.type.${result.type}`) })}</Link>
        </p>
      ) : null}

      <Section title={t('data.ui.step1')} id="import-step-1">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('data.ui.importType')}</label>
            <select id={`${id}-type`} value={type} onChange={(e) => changeType(e.target.value as ImportType)}>
              {IMPORT_TYPES.map((k) => (
                <option key={k} value={k} disabled={available(k)?.available === false}>
                  {t(`data.ui.type.${k}`)}
                  {available(k)?.available === false ? ` — ${t('data.ui.notYet')}` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('data.ui.importFile')}</label>
            <FilePicker
              id={`${id}-file`}
              inputRef={fileInput}
              accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`${id}-file-hint`}
              fileName={file?.name}
              onFile={(picked) => void onFile(picked)}
            />
            <p className="field-hint" id={`${id}-file-hint`}>
              {t('data.ui.importFileHint')}
            </p>
          </div>
        </div>
        {types.data?.filter((x) => !x.available).length ? (
          <ul className="muted">
            {types.data
              .filter((x) => !x.available)
              .map((x) => (
                <li key={x.type}>{t(x.reasonKey as never)}</li>
              ))}
          </ul>
        ) : null}
      </Section>

      {analysis && mapping ? (
        <Section title={t('data.ui.step2')} id="import-step-2">
          <p className="section-intro">
            {t('data.ui.readAs', {
              file: file?.name ?? '',
              format: analysis.format === 'xlsx' ? 'XLSX' : `CSV (${analysis.encoding ?? ''}, « ${analysis.separator === '\t' ? t('data.ui.tab') : analysis.separator} »)`,
              lines: number(analysis.rowCount),
              header: analysis.headerLine,
            })}
          </p>
          {typePresets.data?.length ? (
            <div className="field">
              <label htmlFor={`${id}-preset`}>{t('data.ui.mappingPreset')}</label>
              <select id={`${id}-preset`} defaultValue="" onChange={(e) => applyPreset(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {typePresets.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="table-wrap">
            <table className="table table-compact import-preview">
              <caption className="visually-hidden">{t('data.ui.preview')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('data.ui.line')}</th>
                  {analysis.headers.map((h, i) => (
                    <th scope="col" key={i}>
                      <div className="field">
                        <label htmlFor={`${id}-col-${i}`}>{h}</label>
                        <select id={`${id}-col-${i}`} value={mapping[i] ?? ''} onChange={(e) => setField(i, e.target.value || null)}>
                          <option value="">{t('data.ui.ignore')}</option>
                          {fields.map((f) => (
                            <option key={f.key} value={f.key}>
                              {t(f.label as never)}
                              {f.required ? ' *' : ''}
                            </option>
                          ))}
                        </select>
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {analysis.preview.map((row) => (
                  <tr key={row.line}>
                    <th scope="row">{row.line}</th>
                    {row.cells.map((c, i) => {
                      const reading = analysis.readings?.find((r) => r.line === row.line && r.field === analysis.mapping[i]);
                      return (
                        <td key={i}>
                          {c}
                          {reading ? <span className="muted"> → {reading.read}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {readingRules.length > 0 ? (
            <ul className="muted" aria-label={t('data.ui.readings')}>
              {readingRules.map(([column, rule]) => (
                <li key={column}>{t(`data.import.reading.${rule}` as never, { column })}</li>
              ))}
            </ul>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => file && void analyse(file, type, mapping)}>
              {t('data.ui.check')}
            </button>
          </div>
          <div className="input-with-action">
            <div className="field">
              <label htmlFor={`${id}-preset-name`}>{t('data.ui.presetName')}</label>
              <input id={`${id}-preset-name`} value={presetName} maxLength={100} onChange={(e) => setPresetName(e.target.value)} />
            </div>
            <button type="button" className="btn btn-secondary btn-small" disabled={!presetName.trim()} onClick={() => void savePreset()}>
              {t('data.ui.saveMapping')}
            </button>
          </div>
          <SuccessBanner message={presetNotice} />
        </Section>
      ) : null}

      {analysis && !mappingChanged ? (
        <Section title={t('data.ui.step3')} id="import-step-3">
          {analysis.issueCount === 0 ? (
            <p className="text-ok" role="status">
              {t('data.ui.allValid', { count: number(analysis.rowCount) })}
            </p>
          ) : (
            <div className="banner banner-error" role="alert">
              <p>{t('data.ui.issues', { count: number(analysis.issueCount) })}</p>
              <ul className="import-issues">
                {analysis.issues.map((issue, i) => (
                  <li key={i}>{formatImportIssue(language, issue)}</li>
                ))}
              </ul>
              {analysis.issueCount > analysis.issues.length ? <p>{t('data.ui.moreIssues', { count: analysis.issueCount - analysis.issues.length })}</p> : null}
              <p>{t('data.ui.fixAndRetry')}</p>
            </div>
          )}
          {partialPossible ? (
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void commit(true)} aria-describedby={`${id}-valid-only-hint`}>
                {t('import.validOnly')}
              </button>
              <span className="muted" id={`${id}-valid-only-hint`}>
                {t('import.validOnlyHint')}
              </span>
            </div>
          ) : null}
        </Section>
      ) : null}

      {analysis && !mappingChanged && analysis.duplicateCount > 0 ? (
        <Section title={t('data.ui.step4', { count: number(analysis.duplicateCount) })} id="import-step-4">
          <div className="section-actions">
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setChoices({ default: 'skip', lines: {} })}>
              {t('data.ui.skipAll')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setChoices({ default: 'update', lines: {} })}>
              {t('data.ui.updateAll')}
            </button>
          </div>
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('data.ui.line')}</th>
                  <th scope="col">{t('data.ui.existing')}</th>
                  <th scope="col">{t('data.ui.reason')}</th>
                  <th scope="col">{t('data.ui.choice')}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.duplicates.map((d) => {
                  const choice = choices.lines[String(d.line)] ?? choices.default;
                  return (
                    <tr key={d.line}>
                      <th scope="row">{d.line}</th>
                      <td>{d.existingLabel}</td>
                      <td>{t(`data.ui.reason.${d.reason}`)}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={`${id}-dup-${d.line}`}>
                          {t('data.ui.choiceFor', { line: d.line })}
                        </label>
                        <select
                          id={`${id}-dup-${d.line}`}
                          value={choice}
                          onChange={(e) => {
                            const value = e.target.value as DuplicateChoice;
                            setChoices((c) => {
                              const lines = { ...c.lines };
                              if (value === c.default) delete lines[String(d.line)];
                              else lines[String(d.line)] = value;
                              return { ...c, lines };
                            });
                          }}
                        >
                          <option value="skip">{t('data.ui.skip')}</option>
                          <option value="update">{t('data.ui.update')}</option>
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Section>
      ) : null}

      {ready ? (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void commit()}>
            {t('data.ui.importRun', { created: number(creates), updated: number(updates) })}
          </button>
        </div>
      ) : null}
    </>
  );
}
