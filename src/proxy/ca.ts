import {createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {createSecureContext, type SecureContext} from 'node:tls';
import {writeCaBundle} from './ca-bundle';
import {LruCache} from './lru';
import {buildCertificate, distinguishedName, fromPem, keyIdentifier, subjectOf, toPem} from './x509';

const DAY = 24 * 60 * 60 * 1000;

export interface CaFiles {
  dir: string;
  /** The CA certificate agents trust (NODE_EXTRA_CA_CERTS). */
  certPath: string;
  /** Private key, mode 0600. */
  keyPath: string;
  /** CA + Node's public roots, for tools whose CA variable replaces the system store (SSL_CERT_FILE, REQUESTS_CA_BUNDLE). */
  bundlePath: string;
}

export function caFiles(dataDir: string): CaFiles {
  const dir = path.join(dataDir, 'ca');
  return {dir, certPath: path.join(dir, 'ca.pem'), keyPath: path.join(dir, 'ca-key.pem'), bundlePath: path.join(dir, 'bundle.pem')};
}

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

function p256(): {publicKey: KeyObject; privateKey: KeyObject} {
  return generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
}

/** A new self-signed CA certificate and key (ECDSA P-256, 10 years). */
export function createCertificateAuthority(commonName = `tf local CA (${hostname()})`): KeyPairPem {
  const {publicKey, privateKey} = p256();
  const name = distinguishedName(commonName, 'tf');
  const now = Date.now();
  const cert = buildCertificate({
    subject: name,
    issuer: name,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    publicKey,
    signingKey: privateKey,
    ca: true,
  });
  return {certPem: toPem(cert), keyPem: privateKey.export({type: 'pkcs8', format: 'pem'}) as string};
}

/** Creates the CA in the data dir on first use; an existing one is left alone. Returns its paths. */
export function ensureCertificateAuthority(dataDir: string): CaFiles {
  const files = caFiles(dataDir);
  if (existsSync(files.certPath) && existsSync(files.keyPath)) {
    chmodSync(files.keyPath, 0o600); // repair a loosened mode
    writeCaBundle(files.dir, readFileSync(files.certPath, 'utf8'), {}, 'bundle.pem');
    return files;
  }
  mkdirSync(dataDir, {recursive: true});
  // Written to a private temp dir and renamed into place, so concurrent starts never mix two CAs.
  const temp = `${files.dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(temp, {recursive: true, mode: 0o700});
  const ca = createCertificateAuthority();
  writeFileSync(path.join(temp, 'ca-key.pem'), ca.keyPem, {mode: 0o600});
  writeFileSync(path.join(temp, 'ca.pem'), ca.certPem, {mode: 0o644});
  try {
    renameSync(temp, files.dir);
  } catch (error) {
    rmSync(temp, {recursive: true, force: true});
    if (!existsSync(files.certPath)) throw error;
  }
  // The system trust store plus ours, for tools whose CA variable replaces their store (SSL_CERT_FILE, ...).
  writeCaBundle(files.dir, readFileSync(files.certPath, 'utf8'), {}, 'bundle.pem');
  return files;
}

/** Signs a server certificate for `hosts` with the given CA (also used by tests to make upstream certificates). */
export function issueServerCertificate(ca: KeyPairPem, hosts: string[], key?: {publicKey: KeyObject; privateKey: KeyObject}, days = 90): KeyPairPem {
  const issuer = loadIssuer(ca);
  const pair = key ?? p256();
  return {certPem: issuer.issue(hosts, pair.publicKey, days), keyPem: pair.privateKey.export({type: 'pkcs8', format: 'pem'}) as string};
}

interface Issuer {
  issue(hosts: string[], publicKey: KeyObject, days: number): string;
  notAfter: number;
}

function loadIssuer(ca: KeyPairPem): Issuer {
  const caDer = fromPem(ca.certPem);
  const caCert = new X509Certificate(ca.certPem);
  const signingKey = createPrivateKey(ca.keyPem);
  const issuer = subjectOf(caDer);
  const issuerKeyId = keyIdentifier(caCert.publicKey);
  const caNotAfter = Date.parse(caCert.validTo);
  return {
    notAfter: caNotAfter,
    issue(hosts, publicKey, days) {
      const now = Date.now();
      const der = buildCertificate({
        subject: distinguishedName(hosts[0]),
        issuer,
        issuerKeyId,
        notBefore: new Date(now - 60 * 60 * 1000),
        notAfter: new Date(Math.min(now + days * DAY, caNotAfter)),
        publicKey,
        signingKey,
        ca: false,
        hosts,
      });
      return toPem(der);
    },
  };
}

interface CachedContext {
  context: SecureContext;
  expires: number;
}

const LEAF_DAYS = 30;

/**
 * TLS contexts for intercepted hosts: one ECDSA key shared by every leaf, certificates issued on demand
 * (only for hosts the caller has already matched to a connector) and kept in a bounded LRU.
 */
export class LeafCertificates {
  private readonly cache: LruCache<string, CachedContext>;
  private state?: {issuer: Issuer; publicKey: KeyObject; keyPem: string};

  constructor(
    private readonly files: CaFiles,
    capacity: number,
  ) {
    this.cache = new LruCache(capacity);
  }

  get size(): number {
    return this.cache.size;
  }

  contextFor(host: string): SecureContext {
    const now = Date.now();
    const cached = this.cache.get(host);
    if (cached && cached.expires > now + DAY) return cached.context;
    // Loaded on the first interception, not at start-up.
    this.state ??= this.load();
    const certPem = this.state.issuer.issue([host], this.state.publicKey, LEAF_DAYS);
    const context = createSecureContext({key: this.state.keyPem, cert: certPem, minVersion: 'TLSv1.2'});
    this.cache.set(host, {context, expires: Math.min(now + LEAF_DAYS * DAY, this.state.issuer.notAfter)});
    return context;
  }

  private load() {
    const ca = {certPem: readFileSync(this.files.certPath, 'utf8'), keyPem: readFileSync(this.files.keyPath, 'utf8')};
    const {publicKey, privateKey} = p256();
    return {issuer: loadIssuer(ca), publicKey, keyPem: privateKey.export({type: 'pkcs8', format: 'pem'}) as string};
  }
}
