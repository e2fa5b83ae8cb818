import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { WordingItem } from '../../../shared/features/documents/contract';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

/** Réglages › the standard sentences of the documents, each with its placeholders, saved or restored one by one. */
export function DocumentWordingSection() {
  const { t } = useI18n();
  const wording = useQuery('documents.wording.get', {});
  return (
    <Section title={t('docs12.ui.wording.title')} id="settings-wording">
      <p className="section-intro">{t('docs12.ui.wording.intro')}</p>
      <ErrorBanner error={wording.error} />
      {wording.data?.items.map((item) => <WordingEditor key={item.key} item={item} onSaved={wording.reload} />)}
    </Section>
  );
}

function WordingEditor({ item, onSaved }: { item: WordingItem; onSaved: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(item.text);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const label = t(`docs12.ui.wording.label.${item.key}`);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setFieldError(null);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      onSaved();
    } catch (e) {
      const apiError = toApiError(e);
      const issue = apiError.issues?.find((i) => i.path === 'text');
      if (issue) setFieldError(JSON.stringify({ key: issue.key, params: issue.params ?? {} }));
      else setError(apiError);
    }
  };
  return (
    <form
      className="form wording-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => api.call('documents.wording.save', { key: item.key, text }), t('docs12.ui.wording.saved'));
      }}
    >
      <ErrorBanner error={error} />
      <SuccessBanner message={notice} />
      <Field label={label} wide error={fieldError ? { message: fieldError } : undefined} hint={t('docs12.ui.wording.placeholders', { list: item.placeholders.map((p) => `{${p}}`).join(', ') })}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('docs12.ui.wording.save')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          aria-label={`${t('docs12.ui.wording.reset')} — ${label}`}
          disabled={!item.customised && text === item.defaultText}
          onClick={() => {
            setText(item.defaultText);
            void act(() => api.call('documents.wording.reset', { key: item.key }), t('docs12.ui.wording.restored'));
          }}
        >
          {t('docs12.ui.wording.reset')}
        </button>
      </div>
    </form>
  );
}
