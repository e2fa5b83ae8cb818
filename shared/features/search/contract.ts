import { method } from '../../api/method';
import { searchAllSchema, searchQuerySchema } from './schemas';

export const searchContract = {
  /** One search across every kind of record, accents and case ignored, grouped by kind. */
  'search.all': method(searchQuerySchema, searchAllSchema),
};
