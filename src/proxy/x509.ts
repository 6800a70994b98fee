import {createHash, randomBytes, sign, type KeyObject} from 'node:crypto';
import {isIP} from 'node:net';
import * as der from './der';

/** X.509 v3 certificates for ECDSA P-256 keys, signed with ecdsa-with-SHA256. */

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export interface CertificateSpec {
  /** DER Name of the subject (see `distinguishedName`). */
  subject: Buffer;
  /** DER Name of the issuer: byte-identical to the issuer certificate's subject. */
  issuer: Buffer;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  signingKey: KeyObject;
  /** Key identifier of the issuer's public key (omit for a self-signed certificate). */
  issuerKeyId?: Buffer;
  ca: boolean;
  /** Host names or IP addresses for subjectAltName (leaf certificates). */
  hosts?: string[];
}

export function distinguishedName(commonName: string, organization?: string): Buffer {
  const rdn = (oid: string, value: string) => der.set(der.sequence(der.objectIdentifier(oid), der.utf8String(value)));
  return der.sequence(...(organization ? [rdn(OID.organization, organization)] : []), rdn(OID.commonName, commonName));
}

/** SHA-1 of the subjectPublicKey bits: RFC 5280's method (1) for key identifiers. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({type: 'spki', format: 'der'});
  const [, bits] = der.children(spki, der.readNode(spki));
  return createHash('sha1').update(spki.subarray(bits.contentStart + 1, bits.end)).digest();
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.objectIdentifier(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

function generalName(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return der.implicit(7, Buffer.from(host.split('.').map(Number)));
  if (family === 6) return der.implicit(7, ipv6Bytes(host));
  return der.implicit(2, Buffer.from(host, 'ascii'));
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail = ''] = address.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = address.includes('::') ? groups(tail) : [];
  const all = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(all.map((g) => g.padStart(4, '0')).join(''), 'hex');
}

/** A positive, non-zero 128-bit serial. */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes;
}

/** Encodes and signs a certificate; returns DER. */
export function buildCertificate(spec: CertificateSpec): Buffer {
  const algorithm = der.sequence(der.objectIdentifier(OID.ecdsaWithSha256));
  const extensions: Buffer[] = [];
  if (spec.ca) {
    extensions.push(extension(OID.basicConstraints, true, der.sequence(der.boolean(true), der.integer(0))));
    // digitalSignature, keyCertSign, cRLSign: bits 0, 5, 6.
    extensions.push(extension(OID.keyUsage, true, der.bitString(Buffer.from([0x86]), 1)));
  } else {
    extensions.push(extension(OID.basicConstraints, true, der.sequence()));
    extensions.push(extension(OID.keyUsage, true, der.bitString(Buffer.from([0x80]), 7)));
    extensions.push(extension(OID.extKeyUsage, false, der.sequence(der.objectIdentifier(OID.serverAuth))));
    extensions.push(extension(OID.subjectAltName, false, der.sequence(...(spec.hosts ?? []).map(generalName))));
  }
  extensions.push(extension(OID.subjectKeyIdentifier, false, der.octetString(keyIdentifier(spec.publicKey))));
  if (spec.issuerKeyId) extensions.push(extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, spec.issuerKeyId))));

  const tbs = der.sequence(
    der.explicit(0, der.integer(2)), // v3
    der.integer(serialNumber()),
    algorithm,
    spec.issuer,
    der.sequence(der.time(spec.notBefore), der.time(spec.notAfter)),
    spec.subject,
    spec.publicKey.export({type: 'spki', format: 'der'}),
    der.explicit(3, der.sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, {key: spec.signingKey, dsaEncoding: 'der'});
  return der.sequence(tbs, algorithm, der.bitString(signature));
}

export function toPem(certificate: Buffer): string {
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

export function fromPem(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) throw new Error('no PEM certificate found');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

/** The subject Name of a certificate, as DER, so leaves can name it as their issuer byte for byte. */
export function subjectOf(certificate: Buffer): Buffer {
  const [tbs] = der.children(certificate, der.readNode(certificate));
  const fields = der.children(certificate, tbs);
  const offset = fields[0].tag === 0xa0 ? 1 : 0; // version is optional
  const subject = fields[offset + 4];
  return certificate.subarray(subject.start, subject.end);
}
