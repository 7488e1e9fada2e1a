/** Hash routes (#/queue, #/committees/item/<id>, …): they survive a reload and need nothing from the server. */
import { useEffect, useState } from 'preact/hooks';
import { SCREENS, type ScreenName } from './roles.ts';

export type Route = { screen: ScreenName | undefined; param: string | undefined };

export function parseHash(hash: string): Route {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((candidate) => candidate.name === name)?.name;
  return { screen, param: rest.length ? decodeURIComponent(rest.join('/')) : undefined };
}

export function href(screen: ScreenName, ...parts: string[]): string {
  return `#/${[screen, ...parts.map(encodeURIComponent)].join('/')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    // The address may have changed between the first render and this subscription (a slow start, a typed address).
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
