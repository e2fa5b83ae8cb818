import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { getSettingsRecord, updateSettings } from './service';

type SettingsHandlers = Pick<Handlers, `settings.${string}` & keyof Handlers>;

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  return {
    'settings.get': () => getSettingsRecord(ctx),
    'settings.update': ({ version, ...values }) => updateSettings(ctx, values, version),
  };
}
