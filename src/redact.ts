/** Query parameters that carry credentials in some APIs (Slack `token`, Google `key`, signed URLs). */
const SECRET_PARAMS = /^(token|access_token|api[-_]?key|key|client_secret|password|secret|sig|signature|x-amz-signature|x-goog-signature)$/i;

/** A URL safe to print or audit: credential-bearing query values replaced, userinfo dropped. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const at = url.indexOf('@');
  if (q === -1 && at === -1) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, 'REDACTED');
    return parsed.toString();
  } catch {
    return q === -1 ? url : url.slice(0, q);
  }
}
