// Hash routes (#/projects/3), so the server needs no fallback for client paths: it only
// ever serves index.html at "/".
import type { Id } from './types';

export type Route =
  | { name: 'login'; next: string }
  | { name: 'projects' }
  | { name: 'project'; id: Id }
  | { name: 'annotate'; id: Id }
  | { name: 'tasks'; id: Id }
  | { name: 'review'; id: Id }
  | { name: 'gold'; id: Id }
  | { name: 'adjudication'; id: Id }
  | { name: 'routing'; id: Id }
  | { name: 'pay'; id: Id }
  | { name: 'wellbeing'; id: Id }
  | { name: 'diversity'; id: Id }
  | { name: 'drafts'; id: Id }
  | { name: 'agreement'; id: Id }
  | { name: 'dashboard'; id: Id }
  | { name: 'datasheet'; id: Id }
  | { name: 'join'; token: string }
  | { name: 'people' }
  | { name: 'account' }
  | { name: 'not_found'; hash: string };

const ID = '([A-Za-z0-9_-]+)';

// A route's hash for `next`: only an in-app hash route is accepted, so a crafted link
// cannot send someone elsewhere after login.
export function safeNext(next: string | null | undefined): string {
  return next && /^#\/[^\s]*$/.test(next) && !next.startsWith('#/login') && !next.startsWith('#/join')
    ? next
    : '#/projects';
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [pathname = '/', query = ''] = path.split('?', 2);
  if (pathname === '/' || pathname === '/projects') return { name: 'projects' };
  if (pathname === '/people') return { name: 'people' };
  if (pathname === '/account') return { name: 'account' };
  // The invitation token rides in the fragment, which browsers never send to a server.
  if (pathname === '/join') return { name: 'join', token: new URLSearchParams(query).get('token') ?? '' };
  if (pathname === '/login') {
    return { name: 'login', next: safeNext(new URLSearchParams(query).get('next')) };
  }
  let match = new RegExp(`^/projects/${ID}$`).exec(pathname);
  if (match) return { name: 'project', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/annotate$`).exec(pathname);
  if (match) return { name: 'annotate', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/tasks$`).exec(pathname);
  if (match) return { name: 'tasks', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/review$`).exec(pathname);
  if (match) return { name: 'review', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/gold$`).exec(pathname);
  if (match) return { name: 'gold', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/adjudication$`).exec(pathname);
  if (match) return { name: 'adjudication', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/routing$`).exec(pathname);
  if (match) return { name: 'routing', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/pay$`).exec(pathname);
  if (match) return { name: 'pay', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/wellbeing$`).exec(pathname);
  if (match) return { name: 'wellbeing', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/diversity$`).exec(pathname);
  if (match) return { name: 'diversity', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/drafts$`).exec(pathname);
  if (match) return { name: 'drafts', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/agreement$`).exec(pathname);
  if (match) return { name: 'agreement', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/dashboard$`).exec(pathname);
  if (match) return { name: 'dashboard', id: match[1]! };
  match = new RegExp(`^/projects/${ID}/datasheet$`).exec(pathname);
  if (match) return { name: 'datasheet', id: match[1]! };
  return { name: 'not_found', hash };
}

export function loginHash(next: string): string {
  return `#/login?next=${encodeURIComponent(safeNext(next))}`;
}

// The link an invitee opens: this app's address with the token in the fragment.
export function joinLink(origin: string, token: string): string {
  return `${origin}/#/join?token=${encodeURIComponent(token)}`;
}

export const projectHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}`;
export const annotateHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/annotate`;
export const tasksHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/tasks`;
export const reviewHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/review`;
export const goldHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/gold`;
export const routingHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/routing`;
export const payHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/pay`;
export const wellbeingHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/wellbeing`;
export const diversityHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/diversity`;
export const draftsHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/drafts`;
export const adjudicationHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/adjudication`;
export const agreementHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/agreement`;
export const dashboardHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/dashboard`;
export const datasheetHash = (id: Id) => `#/projects/${encodeURIComponent(String(id))}/datasheet`;
