import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { DURATION_PROBLEM_KEYS, formatDuration, parseDuration } from '../../../shared/features/time/duration';
import { cellMinutes, copyMonthPattern, gridColumns, previousMonth, rowKey, type GridColumn } from '../../../shared/features/time/grid';
import { addDays, isoWeekday, shiftMonth } from '../../../shared/features/time/period';
import { NATURES, type Grid, type GridSave, type Nature, type TimeWarning } from '../../../shared/features/time/schemas';
import { ChangeRequestForm, ReviewBanners } from '../member/review';
import { entryValueCents } from '../../../shared/features/time/valuation';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { currentMonth, useOrganisationOptions, useTimeFormat } from './common';
import { RecordPicker } from '../../components/RecordPicker';
import { formatMonth } from '../../../shared/format/fr';
import { MonthInput } from '../../components/MonthInput';

/** One duration format on the screen: cells, totals and summary all read « 17 h 15 », « 45 min ». */
const cellText = (minutes: number) => formatDuration(minutes);

type Mode = 'days' | 'weeks';

const GRID_MEMORY = 'maillage.time.grid';

interface Line {
  key: string;
  personId: number | null;
  categoryId: number;
}

/** Text typed in each cell, by line key then column index. */
type Texts = Record<string, Record<number, string>>;

function parseCell(text: string | undefined): { minutes: number; problem: string | null } {
  if (!text || text.trim() === '') return { minutes: 0, problem: null };
  const parsed = parseDuration(text);
  return parsed.ok ? { minutes: parsed.minutes, problem: null } : { minutes: 0, problem: DURATION_PROBLEM_KEYS[parsed.problem] };
}

function linesOf(grid: Grid): Line[] {
  return grid.rows.map((r) => ({ key: rowKey(r.personId, r.categoryId), personId: r.personId, categoryId: r.categoryId }));
}

function textsOf(grid: Grid, lines: Line[], columns: GridColumn[]): Texts {
  const out: Texts = {};
  for (const line of lines) {
    out[line.key] = {};
    columns.forEach((c, i) => {
      const minutes = cellMinutes(grid.entries, line.personId, line.categoryId, c);
      if (minutes) out[line.key]![i] = cellText(minutes);
    });
  }
  return out;
}

/**
 * The month grid: one organisation, one month, one nature; lines person × category, columns days
 * (or weeks). Typed like a spreadsheet — arrows, Tab, Enter — each cell read as typed (`1h30`,
 * `1,5`, `90 min`), totals as one types, saved in one go.
 */
/** The « without a person » line of the grid, beside the organisation's people. */
const NO_PERSON = -2;

export function GridPage({ fixedOrganisationId }: { fixedOrganisationId?: number } = {}) {
  const { t, tKey, date, locale, language } = useI18n();
  const f = useTimeFormat();
  const [params, setParams] = useSearchParams();
  const organisations = useOrganisationOptions();
  // « Mon temps » (a member organisation's page) shows its own organisation, without a picker.
  const organisationId = fixedOrganisationId ?? (Number(params.get('structure')) || organisations.find((o) => o.kind === 'member')?.id || organisations[0]?.id || 0);
  const month = /^\d{4}-\d{2}$/.test(params.get('mois') ?? '') ? params.get('mois')! : currentMonth();
  const nature: Nature = params.get('nature') === 'volunteering' ? 'volunteering' : 'secondment';
  const mode: Mode = params.get('vue') === 'semaines' ? 'weeks' : 'days';
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  // Coming back to the grid (from another tab) shows the organisation and month last worked on.
  useEffect(() => {
    const remembered = window.sessionStorage.getItem(GRID_MEMORY);
    if (!params.toString() && remembered) setParams(new URLSearchParams(remembered), { replace: true });
    else if (params.toString()) window.sessionStorage.setItem(GRID_MEMORY, params.toString());
  }, [params, setParams]);

  const query = useQuery('time.grid.get', organisationId ? { organisationId, month, nature } : null);
  const grid = query.data;
  const columns = useMemo(() => gridColumns(month, mode), [month, mode]);
  const [lines, setLines] = useState<Line[]>([]);
  const [texts, setTexts] = useState<Texts>({});
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<TimeWarning[]>([]);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The rows of a save refused because the month is validated: sent as a change request instead.
  const [toRequest, setToRequest] = useState<GridSave['rows'] | null>(null);
  const inputs = useRef<Map<string, HTMLInputElement>>(new Map());
  const { dialog } = useUnsavedChanges(dirty);
  const wrap = useRef<HTMLDivElement>(null);
  const [hiddenDays, setHiddenDays] = useState<{ from: number; to: number } | null>(null);
  // Ctrl+S (⌘S) saves the grid, as in a spreadsheet; the browser's own « save page » is not wanted here.
  const saveRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A fresh grid (other organisation, month, nature or view) replaces what is on screen.
  useEffect(() => {
    if (!grid || grid.organisationId !== organisationId || grid.month !== month || grid.nature !== nature) return;
    const l = linesOf(grid);
    setLines(l);
    setTexts(textsOf(grid, l, columns));
    setDirty(false);
    setServerIssues({});
    setRefusal(null);
    setToRequest(null);
  }, [grid, columns, organisationId, month, nature]);

  const lockedDays = useMemo(() => new Set(grid?.lockedDays ?? []), [grid]);
  const isLocked = (c: GridColumn) => {
    for (let d = c.from; d <= c.to; d = addDays(d, 1)) if (lockedDays.has(d)) return true;
    return false;
  };
  const entriesIn = (line: Line, c: GridColumn) => (grid?.entries ?? []).filter((e) => e.personId === line.personId && e.categoryId === line.categoryId && e.date >= c.from && e.date <= c.to);
  const rateOf = (personId: number | null) => grid?.rates.find((r) => r.personId === personId)?.hourlyCents ?? grid?.rates.find((r) => r.personId === null)?.hourlyCents ?? 0;
  const peopleName = new Map((grid?.people ?? []).map((p) => [p.id, p.name]));
  for (const r of grid?.rows ?? []) if (r.personId !== null && r.personName) peopleName.set(r.personId, r.personName);
  const categoryName = new Map((grid?.categories ?? []).map((c) => [c.id, c.name]));
  const lineLabel = (line: Line) => `${line.personId === null ? t('time.ui.grid.noPerson') : peopleName.get(line.personId) ?? ''} · ${categoryName.get(line.categoryId) ?? ''}`;
  const columnLabel = (c: GridColumn) => (c.from === c.to ? date(c.from) : t('time.ui.grid.weekLabel', { from: date(c.from), to: date(c.to) }));

  // Totals as one types: invalid cells count as nothing and are marked.
  const parsed = lines.map((line) => columns.map((_, i) => parseCell(texts[line.key]?.[i])));
  const rowTotals = parsed.map((cells) => cells.reduce((s, c) => s + c.minutes, 0));
  const columnTotals = columns.map((_, i) => parsed.reduce((s, cells) => s + cells[i]!.minutes, 0));
  const total = rowTotals.reduce((s, m) => s + m, 0);
  const value = lines.reduce(
    (sum, line, r) =>
      sum +
      columns.reduce((s, c, i) => {
        const minutes = parsed[r]![i]!.minutes;
        const existing = entriesIn(line, c);
        const unchanged = existing.reduce((m, e) => m + e.minutes, 0) === minutes;
        return s + (unchanged ? existing.reduce((v, e) => v + e.valueCents, 0) : entryValueCents(minutes, rateOf(line.personId)));
      }, 0),
    0,
  );
  const etp = grid ? total / 60 / (grid.etpHours / 12) : 0;
  const problems = lines.flatMap((line, r) =>
    columns.flatMap((c, i) => {
      const problem = parsed[r]![i]!.problem ?? serverIssues[`${r}:${i}`];
      return problem ? [{ id: `${line.key}:${i}`, text: `${lineLabel(line)}, ${columnLabel(c)} : ${tKey(problem)}` }] : [];
    }),
  );

  const setText = (line: Line, i: number, text: string) => {
    setTexts((prev) => ({ ...prev, [line.key]: { ...prev[line.key], [i]: text } }));
    setDirty(true);
    setNotice(null);
    setServerIssues((prev) => {
      const next = { ...prev };
      delete next[`${lines.indexOf(line)}:${i}`];
      return next;
    });
  };

  const focusCell = (r: number, i: number) => {
    const line = lines[r];
    if (!line) return;
    const input = inputs.current.get(`${line.key}:${Math.max(0, Math.min(columns.length - 1, i))}`);
    input?.focus();
    input?.select();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, i: number, readOnly: string | null) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const move = (dr: number, di: number) => {
      e.preventDefault();
      focusCell(r + dr, i + di);
    };
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) return move(1, 0);
    if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) return move(-1, 0);
    if (e.key === 'ArrowLeft' && (atStart || allSelected)) return move(0, -1);
    if (e.key === 'ArrowRight' && (atEnd || allSelected)) return move(0, 1);
    if (e.key === 'Escape') {
      const line = lines[r]!;
      const original = cellMinutes(grid?.entries ?? [], line.personId, line.categoryId, columns[i]!);
      setText(line, i, original ? cellText(original) : '');
      return;
    }
    if (readOnly && (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete')) setRefusal(readOnly);
  };

  const onBlur = (line: Line, i: number) => {
    const text = texts[line.key]?.[i];
    const cell = parseCell(text);
    if (text && !cell.problem) setTexts((prev) => ({ ...prev, [line.key]: { ...prev[line.key], [i]: cellText(cell.minutes) } }));
  };

  // Adding a line.
  const [newPerson, setNewPerson] = useState('');
  const [newCategory, setNewCategory] = useState('');
  const addLine = () => {
    const personId = newPerson === '' || newPerson === 'none' ? null : Number(newPerson);
    const categoryId = Number(newCategory);
    if (!categoryId || newPerson === '') return;
    const key = rowKey(personId, categoryId);
    if (!lines.some((l) => l.key === key)) {
      setLines((prev) => [...prev, { key, personId, categoryId }]);
      setDirty(true);
    }
    pendingFocus.current = `${key}:0`;
  };
  // The new line's first cell takes the focus once it is drawn.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    const input = pendingFocus.current ? inputs.current.get(pendingFocus.current) : undefined;
    if (!input) return;
    pendingFocus.current = null;
    input.focus();
    input.select();
  }, [lines]);

  // Columns cut off on the right (a narrow window shows about half a month): say which, instead of hiding them silently.
  const measureHidden = () => {
    const el = wrap.current;
    if (!el) return;
    // The total column stays pinned on the right: what lies under it is hidden too.
    const pinned = el.querySelector<HTMLElement>('thead th.time-grid-end');
    const edge = Math.min(el.getBoundingClientRect().right, pinned?.getBoundingClientRect().left ?? Infinity);
    const heads = Array.from(el.querySelectorAll<HTMLElement>('thead th[data-day]'));
    const hidden = heads.filter((h) => h.getBoundingClientRect().right > edge + 1).map((h) => Number(h.dataset.day));
    const next = hidden.length ? { from: Math.min(...hidden), to: Math.max(...hidden) } : null;
    setHiddenDays((prev) => (prev?.from === next?.from && prev?.to === next?.to ? prev : next));
  };
  useEffect(() => {
    measureHidden();
    window.addEventListener('resize', measureHidden);
    return () => window.removeEventListener('resize', measureHidden);
  });

  const copyLastMonth = async () => {
    setError(null);
    try {
      const previous = await api.call('time.grid.get', { organisationId, month: previousMonth(month), nature });
      const pattern = copyMonthPattern(previous.entries, month);
      const nextLines = [...lines];
      const nextTexts: Texts = { ...texts };
      for (const r of previous.rows) if (r.personId !== null && r.personName) peopleName.set(r.personId, r.personName);
      const sums = new Map<string, { key: string; i: number; minutes: number }>();
      for (const p of pattern) {
        const key = rowKey(p.personId, p.categoryId);
        if (!nextLines.some((l) => l.key === key)) nextLines.push({ key, personId: p.personId, categoryId: p.categoryId });
        const i = columns.findIndex((c) => p.date >= c.from && p.date <= c.to);
        const slot = sums.get(`${key}:${i}`) ?? { key, i, minutes: 0 };
        slot.minutes += p.minutes;
        sums.set(`${key}:${i}`, slot);
      }
      let filled = 0;
      // Only empty, open cells are filled: what is already typed or recorded stays.
      for (const { key, i, minutes } of sums.values()) {
        if (i < 0 || isLocked(columns[i]!) || (nextTexts[key]?.[i] ?? '').trim() !== '') continue;
        nextTexts[key] = { ...nextTexts[key], [i]: cellText(minutes) };
        filled++;
      }
      setLines(nextLines);
      setTexts(nextTexts);
      setDirty(filled > 0 || nextLines.length !== lines.length);
      setNotice(filled ? t('time.ui.grid.copied', { count: filled, month: monthTitle(previousMonth(month)) }) : t('time.ui.grid.nothingToCopy'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const save = async () => {
    setError(null);
    setNotice(null);
    setWarnings([]);
    const firstProblem = lines.findIndex((_, r) => parsed[r]!.some((c) => c.problem));
    if (firstProblem >= 0) {
      setError({ code: 'VALIDATION', key: 'time.ui.grid.fixCells', message: '' });
      focusCell(firstProblem, parsed[firstProblem]!.findIndex((c) => c.problem));
      return;
    }
    setSaving(true);
    const rows = lines.map((line, r) => ({
      personId: line.personId,
      categoryId: line.categoryId,
      cells: columns.flatMap((c, i) => (isLocked(c) ? [] : [{ from: c.from, to: c.to, minutes: parsed[r]![i]!.minutes }])),
    }));
    setToRequest(null);
    try {
      const result = await api.call('time.grid.save', { organisationId, month, nature, rows, opened: grid?.entries.map((e) => ({ id: e.id, version: e.version, personId: e.personId, categoryId: e.categoryId, date: e.date })) });
      setNotice(t('time.ui.grid.saved', { created: result.created, updated: result.updated, deleted: result.deleted }));
      setWarnings(result.warnings);
      setDirty(false);
      query.reload();
    } catch (e) {
      const apiError = toApiError(e);
      // Issues name rows[r].cells[c]: shown in the cell they concern.
      const byCell: Record<string, string> = {};
      for (const issue of apiError.issues ?? []) {
        const m = /^rows\[(\d+)\]\.cells\[(\d+)\]/.exec(issue.path);
        if (!m) continue;
        const r = Number(m[1]);
        const sent = columns.map((c, i) => (isLocked(c) ? -1 : i)).filter((i) => i >= 0);
        const i = sent[Number(m[2])];
        if (i !== undefined) byCell[`${r}:${i}`] = issue.key;
      }
      setServerIssues(byCell);
      setError(apiError);
      if (apiError.key === 'error.timeValidation.monthValidated') setToRequest(rows);
    } finally {
      setSaving(false);
    }
  };
  saveRef.current = () => {
    if (!saving && dirty) void save();
  };

  const monthTitle = (m: string) => {
    return formatMonth(m, language);
  };
  const organisationName = grid?.organisationName ?? organisations.find((o) => o.id === organisationId)?.name ?? '';
  const pendingMinutes = (grid?.entries ?? []).filter((e) => e.status === 'pending').reduce((s, e) => s + e.minutes, 0);
  const allLocked = columns.every(isLocked);

  return (
    <>
      {fixedOrganisationId === undefined ? <PageHeader title={t('time.ui.grid.title')} subtitle={t('time.ui.grid.subtitle')} /> : null}
      {dialog}
      <form className="filters" aria-label={t('time.ui.grid.pickers')} onSubmit={(e) => e.preventDefault()}>
        {fixedOrganisationId === undefined ? (
          <div className="field">
            <label htmlFor="grid-organisation">{t('time.ui.field.organisation')}</label>
            <RecordPicker id="grid-organisation" source="organisations" value={organisationId || null} disabled={dirty} onChange={(id) => id !== null && update({ structure: String(id) })} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="grid-month">{t('time.ui.field.month')}</label>
          <div className="input-with-action">
            <button type="button" className="btn btn-secondary btn-small" disabled={dirty} onClick={() => update({ mois: shiftMonth(month, -1) })} aria-label={t('time.ui.grid.previousMonth')}>
              ‹
            </button>
            <MonthInput id="grid-month" value={month} disabled={dirty} onChange={(e) => e.target.value && update({ mois: e.target.value })} />
            <button type="button" className="btn btn-secondary btn-small" disabled={dirty} onClick={() => update({ mois: shiftMonth(month, 1) })} aria-label={t('time.ui.grid.nextMonth')}>
              ›
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="grid-nature">{t('time.ui.field.nature')}</label>
          <select id="grid-nature" value={nature} disabled={dirty} onChange={(e) => update({ nature: e.target.value })}>
            {NATURES.map((n) => (
              <option key={n} value={n}>
                {t(`time.nature.${n}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="time-switch" disabled={dirty}>
          <legend>{t('time.ui.grid.view')}</legend>
          <label>
            <input type="radio" name="grid-view" checked={mode === 'days'} onChange={() => update({ vue: undefined })} /> {t('time.ui.grid.days')}
          </label>
          <label>
            <input type="radio" name="grid-view" checked={mode === 'weeks'} onChange={() => update({ vue: 'semaines' })} /> {t('time.ui.grid.weeks')}
          </label>
        </fieldset>
      </form>
      {dirty ? <p className="field-hint">{t('time.ui.grid.saveFirst')}</p> : null}

      {organisations.length === 0 && !query.loading ? <EmptyState title={t('time.ui.grid.noOrganisation')} /> : null}
      {query.loading && !grid ? <Loading /> : null}
      <ErrorBanner error={query.error} />

      {grid ? (
        <section className="section" aria-labelledby="grid-heading">
          <div className="section-head">
            <h2 id="grid-heading">{t('time.ui.grid.heading', { organisation: organisationName, month: monthTitle(month) })}</h2>
            <div className="section-actions">
              <button type="button" className="btn btn-secondary" onClick={copyLastMonth} disabled={allLocked}>
                {t('time.ui.grid.copyLastMonth')}
              </button>
            </div>
          </div>
          <dl className="summary time-grid-summary" aria-live="polite">
            <div>
              <dt>{t('time.ui.total.hours')}</dt>
              <dd data-testid="grid-total-hours">{f.duration(total)}</dd>
            </div>
            <div>
              <dt>{t('time.ui.total.etpMonth')}</dt>
              <dd data-testid="grid-total-etp">{f.etp(etp)}</dd>
            </div>
            <div>
              <dt>{t('time.ui.total.value')}</dt>
              <dd data-testid="grid-total-value">{f.euros(value)}</dd>
            </div>
          </dl>
          {allLocked ? <p className="banner time-banner-info">{t('time.ui.grid.monthLocked')}</p> : lockedDays.size ? <p className="field-hint">{t('time.ui.grid.someLocked')}</p> : null}
          {refusal ? (
            <div className="banner banner-error" role="alert">
              <p>{refusal}</p>
            </div>
          ) : null}
          <ReviewBanners grid={grid} pendingMinutes={pendingMinutes} />
          <ErrorBanner error={error} />
          {toRequest ? (
            <ChangeRequestForm
              organisationId={organisationId}
              month={month}
              nature={nature}
              rows={toRequest}
              onSent={(message) => {
                setToRequest(null);
                setError(null);
                setNotice(message);
                query.reload();
              }}
            />
          ) : null}
          <SuccessBanner message={notice} />
          {warnings.length ? (
            <div className="banner time-banner-warn" role="status">
              {warnings.map((w, i) => (
                <p key={i}>{tKey(w.key, w.params)}</p>
              ))}
            </div>
          ) : null}

          {hiddenDays ? (
            <p className="field-hint time-grid-more" role="status">
              {t('edit.grid.moreDays', { from: hiddenDays.from, to: hiddenDays.to })}
            </p>
          ) : null}
          <div className="table-wrap time-grid-wrap" ref={wrap} onScroll={measureHidden}>
            <table className="time-grid" aria-describedby="grid-help">
              <caption className="visually-hidden">{t('time.ui.grid.caption', { organisation: organisationName, month: monthTitle(month) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="time-grid-line">
                    {t('time.ui.grid.line')}
                  </th>
                  {columns.map((c, i) => (
                    <th key={i} scope="col" data-day={c.from === c.to ? Number(c.from.slice(8)) : undefined} className={`time-grid-col${c.from === c.to && isoWeekday(c.from) >= 6 ? ' weekend' : ''}${isLocked(c) ? ' locked' : ''}`} title={columnLabel(c)}>
                      {c.from === c.to ? (
                        <>
                          <span aria-hidden="true">{dayAbbreviation(c.from, locale)}</span>
                          <br />
                          {Number(c.from.slice(8))}
                        </>
                      ) : (
                        `${Number(c.from.slice(8))}–${Number(c.to.slice(8))}`
                      )}
                    </th>
                  ))}
                  <th scope="col" className="time-grid-total time-grid-end">
                    {t('time.ui.total.label')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line, r) => (
                  <tr key={line.key}>
                    <th scope="row" className="time-grid-line">
                      {lineLabel(line)}
                    </th>
                    {columns.map((c, i) => {
                      const several = entriesIn(line, c).length > 1;
                      const locked = isLocked(c);
                      const readOnly = locked
                        ? t('time.ui.grid.lockedCell', { date: columnLabel(c) })
                        : several
                          ? t('time.ui.grid.severalCell', { count: entriesIn(line, c).length })
                          : null;
                      const cell = parsed[r]![i]!;
                      const problem = cell.problem ?? serverIssues[`${r}:${i}`];
                      const review = reviewOf(entriesIn(line, c));
                      return (
                        <td
                          key={i}
                          className={`time-grid-cell${c.from === c.to && isoWeekday(c.from) >= 6 ? ' weekend' : ''}${readOnly ? ' locked' : ''}${problem ? ' invalid' : ''}${review ? ` ${review.status}` : ''}`}
                          data-status={review?.status}
                        >
                          <input
                            ref={(el) => {
                              if (el) inputs.current.set(`${line.key}:${i}`, el);
                              else inputs.current.delete(`${line.key}:${i}`);
                            }}
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={`${lineLabel(line)}, ${columnLabel(c)}`}
                            aria-invalid={problem ? true : undefined}
                            aria-readonly={readOnly ? true : undefined}
                            readOnly={Boolean(readOnly)}
                            title={readOnly ?? (problem ? tKey(problem) : review ? (review.status === 'refused' ? t('member14.grid.refusedCell', { reason: review.reason ?? '' }) : t('member14.grid.pendingCell')) : undefined)}
                            value={texts[line.key]?.[i] ?? ''}
                            onFocus={(e) => {
                              e.currentTarget.select();
                              setRefusal(null);
                            }}
                            onChange={(e) => setText(line, i, e.target.value)}
                            onKeyDown={(e) => onKeyDown(e, r, i, readOnly)}
                            onBlur={() => onBlur(line, i)}
                          />
                        </td>
                      );
                    })}
                    <td className="time-grid-total time-grid-end" data-testid={`row-total-${r}`}>
                      {rowTotals[r] ? cellText(rowTotals[r]!) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" className="time-grid-line">
                    {t('time.ui.total.label')}
                  </th>
                  {columnTotals.map((m, i) => (
                    <td key={i} className="time-grid-total">
                      {m ? cellText(m) : ''}
                    </td>
                  ))}
                  <td className="time-grid-total time-grid-end" data-testid="grid-grand-total">
                    {cellText(total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p id="grid-help" className="field-hint">
            {t('time.ui.grid.help')}
          </p>
          {problems.length ? (
            <ul className="time-grid-problems" aria-live="polite">
              {problems.slice(0, 8).map((p) => (
                <li key={p.id} className="field-error">
                  {p.text}
                </li>
              ))}
            </ul>
          ) : null}

          <div className="time-grid-add">
            <div className="field">
              <label htmlFor="grid-add-person">{t('time.ui.field.person')}</label>
              <RecordPicker
                id="grid-add-person"
                source={grid.people.map((p) => ({ id: p.id, label: p.name }))}
                extraOptions={[{ id: NO_PERSON, label: t('time.ui.grid.noPerson') }]}
                placeholder={t('time.ui.choose')}
                value={newPerson === '' ? null : newPerson === 'none' ? NO_PERSON : Number(newPerson)}
                onChange={(id) => setNewPerson(id === null ? '' : id === NO_PERSON ? 'none' : String(id))}
              />
            </div>
            <div className="field">
              <label htmlFor="grid-add-category">{t('time.ui.field.category')}</label>
              <select id="grid-add-category" value={newCategory} onChange={(e) => setNewCategory(e.target.value)}>
                <option value="">{t('time.ui.choose')}</option>
                {grid.categories
                  .filter((c) => c.active)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
            <button type="button" className="btn btn-secondary" onClick={addLine} disabled={!newCategory || newPerson === '' || allLocked}>
              {t('time.ui.grid.addLine')}
            </button>
          </div>

          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={saving || !dirty}
              onClick={() => void save()}
              aria-keyshortcuts="Control+S"
              title={t('edit.grid.saveShortcut')}
            >
              {saving ? t('time.ui.saving') : t('time.ui.grid.save')}
            </button>
            <span className="muted">{t('edit.grid.saveShortcut')}</span>
            {dirty ? (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  const l = linesOf(grid);
                  setLines(l);
                  setTexts(textsOf(grid, l, columns));
                  setDirty(false);
                  setServerIssues({});
                }}
              >
                {t('time.ui.grid.discard')}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}


/** « lu », « ma », « me »…: two letters tell the days apart where one (« M ») does not. */
/** A cell's review state: refused wins over « à valider »; validated cells carry nothing. */
function reviewOf(entries: readonly Grid['entries'][number][]): { status: 'pending' | 'refused'; reason: string | null } | null {
  const refused = entries.find((e) => e.status === 'refused');
  if (refused) return { status: 'refused', reason: refused.reviewReason };
  return entries.some((e) => e.status === 'pending') ? { status: 'pending', reason: null } : null;
}

function dayAbbreviation(iso: string, locale: string): string {
  const name = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  return name.replace(/\.$/, '').slice(0, 2).toLowerCase();
}
