import { describe, expect, it } from 'vitest';
import { matchRoutes, parseHref, rankRoutes, type RouteObject } from '../../renderer/app/routing';

/** The app's router (renderer/app/routing.tsx): which page an address opens. */

const routes: RouteObject[] = [
  {
    path: '/',
    children: [
      { index: true },
      { path: 'structures/:id' },
      { path: 'structures/nouvelle' },
      { path: 'structures/:id/modifier' },
      { path: 'temps', children: [{ index: true }, { path: 'grille' }] },
      { path: '*' },
    ],
  },
];
const branches = rankRoutes(routes);
const leaf = (pathname: string) => {
  const matches = matchRoutes(branches, pathname);
  const last = matches?.at(-1);
  return last ? { path: last.route.path ?? (last.route.index ? 'index' : ''), depth: matches!.length, params: last.params } : null;
};

describe('the router', () => {
  it('prefers a fixed segment to a parameter, whatever their order in the table', () => {
    expect(leaf('/structures/nouvelle')).toMatchObject({ path: 'structures/nouvelle', params: {} });
    expect(leaf('/structures/12')).toMatchObject({ path: 'structures/:id', params: { id: '12' } });
    expect(leaf('/structures/12/modifier')).toMatchObject({ path: 'structures/:id/modifier', params: { id: '12' } });
  });

  it('opens a section’s index and its pages through its layout, and anything else on the catch-all', () => {
    expect(leaf('/')).toMatchObject({ path: 'index', depth: 2 });
    expect(leaf('/temps')).toMatchObject({ path: 'index', depth: 3 });
    expect(leaf('/temps/grille')).toMatchObject({ path: 'grille', depth: 3 });
    expect(leaf('/temps/grille/')).toMatchObject({ path: 'grille' });
    expect(leaf('/nulle/part')).toMatchObject({ path: '*', params: { '*': 'nulle/part' } });
  });

  it('decodes parameters, and an undecodable one matches nothing but the catch-all', () => {
    expect(leaf('/structures/R%C3%A9emploi')).toMatchObject({ params: { id: 'Réemploi' } });
    expect(leaf('/structures/%E0%A4%A')).toMatchObject({ path: '*' });
  });

  it('reads a hash address into its page, query and anchor', () => {
    expect(parseHref('#/financements?annee=2026#grant-12')).toEqual({ pathname: '/financements', search: '?annee=2026', hash: '#grant-12' });
    expect(parseHref('')).toEqual({ pathname: '/', search: '', hash: '' });
    expect(parseHref('#/reunions/3?')).toEqual({ pathname: '/reunions/3', search: '', hash: '' });
  });
});
