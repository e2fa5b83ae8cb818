import { Fragment } from 'react';
import { Modal } from '../components/Dialog';
import { useI18n } from '../i18n/I18nProvider';
import { SHORTCUTS, type Key } from './shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const label = (key: Key) => ('name' in key ? t(key.name) : key.char);
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose} size="large">
      <table className="table shortcuts-table">
        <caption className="visually-hidden">{t('shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.where')}</th>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.what')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.where}-${s.what}`}>
              <td>{t(s.where)}</td>
              <td className="nowrap">
                {s.chords.map((chord, i) => (
                  <Fragment key={i}>
                    {i > 0 ? <span className="muted"> {t('shortcuts.or')} </span> : null}
                    {chord.map((key, j) => (
                      <Fragment key={j}>
                        {j > 0 ? '+' : null}
                        <kbd>{label(key)}</kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </td>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
