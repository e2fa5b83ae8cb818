import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { api, toApiError } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a method whenever its input changes (compared by value) and keeps the last data
 * while reloading, so lists do not flicker. `null` input means "not yet": nothing is called.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): QueryState<MethodOutput<M>> {
  const [data, setData] = useState<MethodOutput<M> | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(input !== null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    const request = ++latest.current;
    setLoading(true);
    api
      .call(method, JSON.parse(key) as MethodInput<M>)
      .then((value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(null);
      })
      .catch((e: unknown) => {
        if (request !== latest.current) return;
        setError(toApiError(e));
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [method, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/** A value that follows `value` after `delay` ms of calm (search boxes). */
export function useDebounced<T>(value: T, delay = 200): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
