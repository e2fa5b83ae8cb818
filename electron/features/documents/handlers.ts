import type { Handlers } from '../../../shared/api/contract';
import { base64ToBytes, bytesToBase64 } from '../../../shared/api/files';
import type { ServiceContext } from '../../app/context';
import { finishDocument } from './finish';
import { clearTemplate, getTemplate, setTemplate } from './service';
import { getWording, resetWording, saveWording } from './wording';

type DocumentsHandlers = Pick<Handlers, `documents.${string}` & keyof Handlers>;

export function documentsHandlers(ctx: ServiceContext): DocumentsHandlers {
  return {
    'documents.finish': async ({ base64, format, updateFields }) => {
      const done = await finishDocument(ctx, base64ToBytes(base64), format, { updateFields });
      return { base64: bytesToBase64(done.bytes), format: done.format, fieldsUpdated: done.fieldsUpdated };
    },
    'documents.template.get': () => getTemplate(ctx),
    'documents.template.set': (input) => setTemplate(ctx, input),
    'documents.template.clear': () => clearTemplate(ctx),
    'documents.wording.get': () => getWording(ctx),
    'documents.wording.save': (input) => saveWording(ctx, input),
    'documents.wording.reset': (input) => resetWording(ctx, input),
  };
}
