import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { getSettings, updateSettings } from './service';

type SettingsHandlers = Pick<Handlers, `settings.${string}` & keyof Handlers>;

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  return {
    'settings.get': () => getSettings(ctx),
    'settings.update': (values) => updateSettings(ctx, values),
  };
}
