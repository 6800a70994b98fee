import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {rootCertificates} from 'node:tls';

/** Where distributions keep the system trust store (Debian/Ubuntu/Alpine, RHEL/Fedora, SUSE, macOS/BSD). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/**
 * The PEM bundle SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE and GIT_SSL_CAINFO point at: those replace a
 * tool's trust store, so it holds the roots the tool would otherwise use (the user's own SSL_CERT_FILE, else the
 * system store, else Node's) plus tf's CA, and hosts tf does not intercept keep working. Rewritten only on change.
 */
export function writeCaBundle(dir: string, caPem: string, env: NodeJS.ProcessEnv = process.env, name = 'ca-bundle.pem'): string {
  const file = path.join(dir, name);
  const userBundle = env.SSL_CERT_FILE && path.resolve(env.SSL_CERT_FILE) !== file ? env.SSL_CERT_FILE : undefined;
  const source = [userBundle, ...SYSTEM_BUNDLES].find((candidate) => candidate && readable(candidate));
  const roots = source ? readFileSync(source, 'utf8') : rootCertificates.join('\n');
  const content = `${roots.trimEnd()}\n# tf local CA\n${caPem.trim()}\n`;
  if (readable(file) && readFileSync(file, 'utf8') === content) return file;
  mkdirSync(dir, {recursive: true});
  // Concurrent runs each write a whole file and rename it into place: readers never see half a bundle.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, {mode: 0o644});
  renameSync(temp, file);
  return file;
}

function readable(file: string): boolean {
  try {
    return existsSync(file) && readFileSync(file, 'utf8').includes('-----BEGIN CERTIFICATE-----');
  } catch {
    return false;
  }
}
