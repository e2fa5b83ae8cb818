import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from '../../app/routing';
import type { SearchResult } from '../../../shared/features/search/schemas';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import './search.css';

/** Where a hit opens: the record's own page, or the meeting tab that shows it. */
export function pathOf(r: SearchResult): string {
  switch (r.kind) {
    case 'organisation':
      return `/structures/${r.id}`;
    case 'person':
      return `/personnes/${r.id}`;
    case 'meeting':
      return `/reunions/${r.id}`;
    case 'agendaItem':
      return `/reunions/${r.meetingId}?onglet=ordre-du-jour`;
    case 'decision':
    case 'action':
    case 'minutes':
      return `/reunions/${r.meetingId}?onglet=compte-rendu`;
    case 'activity':
      return `/activites?year=${(r.date ?? '').slice(0, 4)}`;
  }
}

/**
 * Ctrl+K: one box that searches every kind of record as she types (each answer replaces the
 * previous one; a late answer to an older text is ignored by useQuery), grouped by kind.
 */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t, date } = useI18n();
  const navigate = useNavigate();
  const baseId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const trimmed = text.trim();
  const query = useQuery('search.all', trimmed ? { text: trimmed } : null);
  const groups = useMemo(() => (trimmed ? (query.data?.groups ?? []) : []), [trimmed, query.data]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const current = Math.min(active, Math.max(0, flat.length - 1));
  const optionId = (i: number) => `${baseId}-option-${i}`;
  const input = useRef<HTMLInputElement>(null);
  // After the dialog opened (its effect runs first): showModal() would otherwise focus its close button.
  useEffect(() => input.current?.focus(), []);

  const open = (r: SearchResult) => {
    onClose();
    navigate(pathOf(r));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (flat.length === 0) return;
      const next = (current + (e.key === 'ArrowDown' ? 1 : -1) + flat.length) % flat.length;
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Escape') {
      // A search field would only clear itself on the first Escape: close at once, as everywhere.
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = flat[current];
      if (chosen) open(chosen);
    }
  };

  let index = -1;
  return (
    <Modal title={t('search.title')} onClose={onClose} size="large">
      <div className="search-palette">
        <label htmlFor={`${baseId}-input`} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={`${baseId}-input`}
          className="search-input"
          type="search"
          role="combobox"
          aria-expanded={flat.length > 0}
          aria-controls={`${baseId}-results`}
          aria-activedescendant={flat.length ? optionId(current) : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          ref={input}
          value={text}
          placeholder={t('search.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ErrorBanner error={query.error} />
        {!trimmed ? <p className="muted search-hint">{t('search.hint')}</p> : null}
        {trimmed && query.data && !query.loading && flat.length === 0 ? (
          <p className="search-none" role="status">
            {t('search.none', { text: trimmed })}
          </p>
        ) : null}
        <div id={`${baseId}-results`} role="listbox" aria-label={t('search.results')} className="search-results">
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${baseId}-group-${group.kind}`} className="search-group">
              <p id={`${baseId}-group-${group.kind}`} className="search-group-title" role="presentation">
                {t(`search.kind.${group.kind}`)}
              </p>
              {group.items.map((item) => {
                index += 1;
                const i = index;
                return (
                  <div
                    key={`${item.kind}-${item.id}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    className={`search-option${i === current ? ' search-option-active' : ''}`}
                    onMouseMove={() => setActive(i)}
                    onClick={() => open(item)}
                  >
                    <span className="search-option-title">{item.title}</span>
                    {item.archived ? <span className="badge badge-neutral">{t('search.archived')}</span> : null}
                    <span className="search-option-context muted">
                      {[item.context, item.date ? date(item.date) : null].filter(Boolean).join(' · ')}
                    </span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </Modal>
  );
}
