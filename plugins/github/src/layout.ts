import {parseBaseUrl} from '@tf/sdk';

/** Which route table a part of a host serves, and how its credential is sent. */
export type Surface = 'api' | 'uploads' | 'manage' | 'git' | 'other-api';

export interface Mount {
  surface: Surface;
  /** Path prefix this mount owns ('' = everything not owned by a longer prefix). */
  prefix: string;
  /** Prefix removed before matching (GHE's `/api/v3`); the Management Console keeps its `/manage`. */
  strip: string;
}

/** Where each GitHub surface lives for one connector instance. */
export interface GithubLayout {
  /** Host → its mounts, longest prefix first. */
  hosts: Map<string, Mount[]>;
  apiRoot: string;
  uploadsRoot?: string;
  gitRoot: string;
}

const DOTCOM_API = 'api.github.com';

/**
 * github.com: api.github.com (REST), uploads.github.com (release assets), github.com (git).
 * `https://api.X` base URLs (GHE.com data residency) follow the same pattern on X.
 * Any other base URL is GitHub Enterprise Server: `/api/v3` REST, `/api/uploads` assets,
 * `/manage` Management Console, git at the host root. A base URL without a path means `/api/v3`.
 */
export function githubLayout(baseUrl: string | undefined): GithubLayout {
  if (baseUrl === undefined) return cloudLayout('https:', DOTCOM_API);
  const base = parseBaseUrl(baseUrl);
  const url = new URL(base.origin);
  if (base.basePath === '' && url.hostname.startsWith('api.')) return cloudLayout(url.protocol, url.host);
  return serverLayout(base.origin, url.hostname, base.basePath || '/api/v3');
}

function cloudLayout(protocol: string, apiHost: string): GithubLayout {
  const site = apiHost.slice('api.'.length);
  const hostname = (host: string) => host.replace(/:\d+$/, '');
  return {
    hosts: new Map([
      [hostname(apiHost), [{surface: 'api', prefix: '', strip: ''}]],
      [hostname(`uploads.${site}`), [{surface: 'uploads', prefix: '', strip: ''}]],
      [hostname(site), [{surface: 'git', prefix: '', strip: ''}]],
    ]),
    apiRoot: `${protocol}//${apiHost}`,
    uploadsRoot: `${protocol}//uploads.${site}`,
    gitRoot: `${protocol}//${site}`,
  };
}

function serverLayout(origin: string, hostname: string, apiPath: string): GithubLayout {
  // GHES serves uploads beside the API: /api/v3 → /api/uploads (also below a path prefix).
  const uploadsPath = apiPath.endsWith('/v3') ? `${apiPath.slice(0, -'/v3'.length)}/uploads` : undefined;
  const apiParent = apiPath.slice(0, apiPath.lastIndexOf('/'));
  const mounts: Mount[] = [
    {surface: 'api', prefix: apiPath, strip: apiPath},
    ...(uploadsPath ? [{surface: 'uploads' as const, prefix: uploadsPath, strip: uploadsPath}] : []),
    // The rest of /api (GraphQL at /api/graphql) is API traffic too: token auth, method fallback.
    ...(apiParent ? [{surface: 'other-api' as const, prefix: apiParent, strip: ''}] : []),
    {surface: 'manage', prefix: '/manage', strip: ''},
    {surface: 'git', prefix: '', strip: ''},
  ];
  mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  return {
    hosts: new Map([[hostname, mounts]]),
    apiRoot: origin + apiPath,
    uploadsRoot: uploadsPath ? origin + uploadsPath : undefined,
    gitRoot: origin,
  };
}

/** The mount serving a URL; unknown hosts are treated as API hosts. */
export function mountFor(layout: GithubLayout, url: URL): Mount {
  const mounts = layout.hosts.get(url.hostname) ?? layout.hosts.values().next().value!;
  const path = url.pathname;
  for (const mount of mounts) {
    if (mount.prefix === '' || path === mount.prefix || path.startsWith(`${mount.prefix}/`)) return mount;
  }
  return mounts[mounts.length - 1];
}

/** The path the mount's table matches. */
export function tablePath(mount: Mount, pathname: string): string {
  if (!mount.strip) return pathname;
  return pathname.length === mount.strip.length ? '/' : pathname.slice(mount.strip.length);
}
