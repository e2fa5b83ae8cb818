import {
  Component,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * The app's router: hash routes (the same from file:// in Electron and http:// in web mode), a
 * tree of route objects, links, search parameters and a navigation blocker for unsaved forms.
 *
 * It replaces react-router (93 kB of the first screen's script, issue 11) with the part of its
 * API the app uses, under the same names and with the same behaviour: a route table ranked by
 * specificity (static segments before `:params`, `*` last), `<Outlet />` for nested layouts,
 * `useBlocker` asked before every navigation, the back button included. Anything more (loaders,
 * actions, relative `..` links) is deliberately absent: add it here when a page needs it.
 */

export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  /** Shown instead of the route's element when it throws while rendering. */
  errorElement?: ReactNode;
  children?: RouteObject[];
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  /** Changes with every navigation, even to the same address. */
  key: string;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export type To = string | { pathname?: string; search?: string; hash?: string };

export type BlockerFunction = (args: { currentLocation: Location; nextLocation: Location; historyAction: 'PUSH' | 'REPLACE' | 'POP' }) => boolean;

export interface Blocker {
  state: 'unblocked' | 'blocked';
  location?: Location;
  proceed(): void;
  reset(): void;
}

interface HistoryState {
  usr?: unknown;
  key?: string;
  idx?: number;
}

export interface Branch {
  /** The routes from the root down to the matched one. */
  routes: RouteObject[];
  segments: string[];
  score: number;
}

export interface RouteMatch {
  route: RouteObject;
  params: Record<string, string>;
}

function joinPaths(parent: string[], path: string | undefined): string[] {
  return [...parent, ...(path ?? '').split('/').filter(Boolean)];
}

/** react-router's ranking: each static segment outweighs a parameter, a splat weighs least, an index route a little. */
function scoreOf(segments: string[], index: boolean): number {
  let score = segments.length;
  for (const segment of segments) {
    if (segment === '*') score -= 2;
    else if (segment.startsWith(':')) score += 3;
    else score += 10;
  }
  return index ? score + 2 : score;
}

function flatten(routes: RouteObject[], parents: RouteObject[] = [], parentSegments: string[] = [], into: Branch[] = []): Branch[] {
  for (const route of routes) {
    const chain = [...parents, route];
    const segments = joinPaths(parentSegments, route.path);
    // A layout with children matches through them only, as in react-router.
    if (route.children?.length) flatten(route.children, chain, segments, into);
    else into.push({ routes: chain, segments, score: scoreOf(segments, Boolean(route.index)) });
  }
  return into;
}

function matchBranch(branch: Branch, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < branch.segments.length; i++) {
    const segment = branch.segments[i]!;
    if (segment === '*') {
      params['*'] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment.toLowerCase() !== part.toLowerCase()) return null;
  }
  return branch.segments.length === parts.length ? params : null;
}

export function matchRoutes(branches: Branch[], pathname: string): RouteMatch[] | null {
  const parts = pathname.split('/').filter(Boolean);
  for (const branch of branches) {
    const params = matchBranch(branch, parts);
    if (params) return branch.routes.map((route) => ({ route, params }));
  }
  return null;
}

/** `#/reunions/3?onglet=ordre-du-jour#point-2` → its pathname, search and hash. */
export function parseHref(href: string): Pick<Location, 'pathname' | 'search' | 'hash'> {
  let rest = href.replace(/^#/, '');
  let hash = '';
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  let search = '';
  const searchAt = rest.indexOf('?');
  if (searchAt >= 0) {
    search = rest.slice(searchAt);
    rest = rest.slice(0, searchAt);
  }
  const pathname = `/${rest.replace(/^\/+/, '')}`;
  return { pathname, search: search === '?' ? '' : search, hash };
}

function hrefOf(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

let keys = 0;
function newKey(): string {
  keys += 1;
  return keys.toString(36);
}

/** Every leaf route with its chain of layouts, most specific first. */
export function rankRoutes(routes: RouteObject[]): Branch[] {
  return flatten(routes)
    .map((branch, order) => ({ branch, order }))
    .sort((a, b) => b.branch.score - a.branch.score || a.order - b.order)
    .map(({ branch }) => branch);
}

export class HashRouter {
  readonly branches: Branch[];
  location: Location;
  private index: number;
  private readonly listeners = new Set<() => void>();
  private readonly blockers = new Map<number, { shouldBlock: BlockerFunction; blocker: Blocker }>();
  private nextBlockerId = 0;
  /** Set while the back button's move is being undone by a blocker: that popstate is ours. */
  private ignoreNextPop = false;
  private listening = false;

  constructor(routes: RouteObject[]) {
    this.branches = rankRoutes(routes);
    const state = (window.history.state ?? {}) as HistoryState;
    this.index = state.idx ?? 0;
    if (state.idx === undefined) window.history.replaceState({ ...state, idx: 0, key: state.key ?? newKey() }, '');
    this.location = this.readLocation();
    this.listen();
  }

  /**
   * Follows the browser's back and forward buttons and typed addresses until the returned function
   * is called. The router listens from its creation, for the address can change before the app is
   * shown (an address typed while the login page is up); RouterProvider's effect calls this again,
   * so that StrictMode's unmount and mount again leave it listening, the address read anew.
   */
  listen(): () => void {
    if (!this.listening) {
      this.listening = true;
      window.addEventListener('popstate', this.onPop);
      if (hrefOf(parseHref(window.location.hash)) !== hrefOf(this.location)) this.onPop();
    }
    return () => {
      this.listening = false;
      window.removeEventListener('popstate', this.onPop);
    };
  }

  private readLocation(): Location {
    const state = (window.history.state ?? {}) as HistoryState;
    return { ...parseHref(window.location.hash), state: state.usr ?? null, key: state.key ?? 'default' };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** The first blocker that refuses this move, if any. */
  private blockerFor(nextLocation: Location, historyAction: 'PUSH' | 'REPLACE' | 'POP'): { id: number; shouldBlock: BlockerFunction } | null {
    for (const [id, entry] of this.blockers) {
      if (entry.shouldBlock({ currentLocation: this.location, nextLocation, historyAction })) return { id, shouldBlock: entry.shouldBlock };
    }
    return null;
  }

  private block(id: number, nextLocation: Location, proceed: () => void): void {
    const entry = this.blockers.get(id);
    if (!entry) return;
    entry.blocker = {
      state: 'blocked',
      location: nextLocation,
      proceed: () => {
        this.unblock(id);
        proceed();
      },
      reset: () => this.unblock(id),
    };
    this.notify();
  }

  private unblock(id: number): void {
    const entry = this.blockers.get(id);
    if (!entry) return;
    entry.blocker = UNBLOCKED;
    this.notify();
  }

  resolve(to: To): Pick<Location, 'pathname' | 'search' | 'hash'> {
    if (typeof to !== 'string') {
      return { pathname: to.pathname ?? this.location.pathname, search: to.search ?? '', hash: to.hash ?? '' };
    }
    if (to.startsWith('/')) return parseHref(to);
    if (to.startsWith('?') || to.startsWith('#')) return parseHref(`${this.location.pathname}${to}`);
    // Relative to the current page, as a folder: `modifier` from /structures/3 is /structures/3/modifier.
    return parseHref(`${this.location.pathname.replace(/\/$/, '')}/${to}`);
  }

  navigate = (to: To | number, options: NavigateOptions = {}): void => {
    if (typeof to === 'number') {
      window.history.go(to);
      return;
    }
    const target = this.resolve(to);
    const action = options.replace ? 'REPLACE' : 'PUSH';
    const nextLocation: Location = { ...target, state: options.state ?? null, key: newKey() };
    const go = () => {
      if (action === 'PUSH') this.index += 1;
      const state: HistoryState = { usr: options.state, key: nextLocation.key, idx: this.index };
      const url = `#${hrefOf(target)}`;
      if (action === 'PUSH') window.history.pushState(state, '', url);
      else window.history.replaceState(state, '', url);
      this.location = nextLocation;
      this.notify();
    };
    const blocking = this.blockerFor(nextLocation, action);
    if (blocking) this.block(blocking.id, nextLocation, go);
    else go();
  };

  private onPop = (): void => {
    if (this.ignoreNextPop) {
      this.ignoreNextPop = false;
      return;
    }
    const state = (window.history.state ?? {}) as HistoryState;
    const nextLocation = this.readLocation();
    // An address typed or a link `href="#/…"` followed by the browser: a new entry, numbered here.
    const nextIndex = state.idx ?? this.index + 1;
    if (state.idx === undefined) window.history.replaceState({ ...state, idx: nextIndex, key: nextLocation.key === 'default' ? newKey() : nextLocation.key }, '');
    const delta = this.index - nextIndex;
    const blocking = delta !== 0 ? this.blockerFor(nextLocation, 'POP') : null;
    if (blocking) {
      // Undo the browser's move, then ask; leaving replays it.
      this.ignoreNextPop = true;
      window.history.go(delta);
      this.block(blocking.id, nextLocation, () => {
        this.ignoreNextPop = true;
        window.history.go(-delta);
        this.index = nextIndex;
        this.location = nextLocation;
        this.notify();
      });
      return;
    }
    this.index = nextIndex;
    this.location = this.readLocation();
    this.notify();
  };

  newBlockerId(): number {
    return this.nextBlockerId++;
  }

  setBlocker(id: number, shouldBlock: BlockerFunction): void {
    const entry = this.blockers.get(id);
    if (entry) entry.shouldBlock = shouldBlock;
    else this.blockers.set(id, { shouldBlock, blocker: UNBLOCKED });
  }

  removeBlocker(id: number): void {
    this.blockers.delete(id);
  }

  blocker(id: number): Blocker {
    return this.blockers.get(id)?.blocker ?? UNBLOCKED;
  }
}

const UNBLOCKED: Blocker = { state: 'unblocked', proceed: () => {}, reset: () => {} };

export function createHashRouter(routes: RouteObject[]): HashRouter {
  return new HashRouter(routes);
}

interface RouteContextValue {
  matches: RouteMatch[];
  /** The depth of the element being rendered in `matches`. */
  depth: number;
}

const RouterContext = createContext<HashRouter | null>(null);
const LocationContext = createContext<Location | null>(null);
const RouteContext = createContext<RouteContextValue>({ matches: [], depth: -1 });

function useRouter(): HashRouter {
  const router = useContext(RouterContext);
  if (!router) throw new Error('A route hook is used outside <RouterProvider>.');
  return router;
}

class RouteErrorBoundary extends Component<{ fallback: ReactNode; location: Location; children: ReactNode }, { error: unknown; key: string }> {
  override state = { error: null as unknown, key: this.props.location.key };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: { location: Location }, state: { error: unknown; key: string }) {
    // Another page clears the error, as react-router does.
    return props.location.key !== state.key ? { error: null, key: props.location.key } : null;
  }

  override render() {
    return this.state.error ? this.props.fallback : this.props.children;
  }
}

function RenderMatch({ matches, depth }: RouteContextValue) {
  const match = matches[depth];
  if (!match) return null;
  return <RouteContext.Provider value={{ matches, depth }}>{match.route.element ?? <Outlet />}</RouteContext.Provider>;
}

export function RouterProvider({ router }: { router: HashRouter }) {
  const location = useSyncExternalStore(router.subscribe, () => router.location);
  // Listening again after StrictMode's unmount and mount again; stops when the app goes.
  useEffect(() => router.listen(), [router]);
  const matches = useMemo(() => matchRoutes(router.branches, location.pathname) ?? [], [router, location.pathname]);
  const root = matches[0]?.route;
  const content = <RenderMatch matches={matches} depth={0} />;
  return (
    <RouterContext.Provider value={router}>
      <LocationContext.Provider value={location}>
        {root?.errorElement ? (
          <RouteErrorBoundary fallback={root.errorElement} location={location}>
            {content}
          </RouteErrorBoundary>
        ) : (
          content
        )}
      </LocationContext.Provider>
    </RouterContext.Provider>
  );
}

/** Where a layout shows the page matched below it. */
export function Outlet() {
  const { matches, depth } = useContext(RouteContext);
  return <RenderMatch matches={matches} depth={depth + 1} />;
}

export function useLocation(): Location {
  const location = useContext(LocationContext);
  if (!location) throw new Error('useLocation is used outside <RouterProvider>.');
  return location;
}

export function useParams<T extends Record<string, string | undefined> = Record<string, string | undefined>>(): T {
  const { matches, depth } = useContext(RouteContext);
  return (matches[depth]?.params ?? {}) as T;
}

export function useNavigate(): (to: To | number, options?: NavigateOptions) => void {
  return useRouter().navigate;
}

type SearchInit = URLSearchParams | string | Record<string, string>;

export function useSearchParams(): [URLSearchParams, (next: SearchInit | ((previous: URLSearchParams) => SearchInit), options?: NavigateOptions) => void] {
  const router = useRouter();
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback(
    (next: SearchInit | ((previous: URLSearchParams) => SearchInit), options?: NavigateOptions) => {
      const init = typeof next === 'function' ? next(new URLSearchParams(router.location.search)) : next;
      const text = new URLSearchParams(init).toString();
      router.navigate({ pathname: router.location.pathname, search: text ? `?${text}` : '' }, options);
    },
    [router],
  );
  return [params, setParams];
}

/** Asks `shouldBlock` before every navigation, the back button's included; `blocked` until proceed or reset. */
export function useBlocker(shouldBlock: boolean | BlockerFunction): Blocker {
  const router = useRouter();
  const latest = useRef(shouldBlock);
  latest.current = shouldBlock;
  const [id] = useState(() => router.newBlockerId());
  useEffect(() => {
    // Registered by the effect, so that StrictMode's unmount and mount again leave exactly one.
    router.setBlocker(id, (args) => (typeof latest.current === 'function' ? latest.current(args) : latest.current));
    return () => router.removeBlocker(id);
  }, [router, id]);
  useSyncExternalStore(router.subscribe, () => router.blocker(id));
  return router.blocker(id);
}

export function Navigate({ to, replace, state }: { to: To; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  useEffect(() => {
    navigate(to, { replace, state });
  });
  return null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: To; replace?: boolean; state?: unknown };

function isPlainClick(event: MouseEvent<HTMLAnchorElement>, target: string | undefined): boolean {
  return event.button === 0 && !event.defaultPrevented && (!target || target === '_self') && !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey);
}

export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const router = useRouter();
  const href = `#${hrefOf(router.resolve(to))}`;
  return (
    <a
      {...rest}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event, target)) return;
        event.preventDefault();
        router.navigate(to, { replace, state });
      }}
    />
  );
}

type NavLinkProps = Omit<LinkProps, 'className'> & {
  className?: string | ((args: { isActive: boolean }) => string | undefined);
  /** Active only on this very address, not below it. */
  end?: boolean;
};

/** A link that knows when its page is open: `aria-current="page"` and the class `active`. */
export function NavLink({ className, end, ...rest }: NavLinkProps) {
  const router = useRouter();
  const { pathname } = useLocation();
  const target = router.resolve(rest.to).pathname.toLowerCase().replace(/\/$/, '') || '/';
  const current = pathname.toLowerCase();
  const isActive = current === target || (!end && target !== '/' && current.startsWith(`${target}/`));
  const classes = typeof className === 'function' ? className({ isActive }) : [className, isActive ? 'active' : null].filter(Boolean).join(' ') || undefined;
  return <Link {...rest} className={classes} aria-current={isActive ? 'page' : undefined} />;
}
