// The issuer-certificate rules of a FedTLS/MATF metadata document (draft-halen-fed-tls-auth §"Metadata
// Repository": the operator validates issuer certificate algorithms and validity before publication): the
// certificate parses, is valid now, has an RSA key of at least 2048 bits or an EC key of at least 256 bits,
// and is not signed with MD5 or SHA-1. Node 20's X509Certificate does not name the signature algorithm, so its
// OID is read from the DER (Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }).

import { X509Certificate } from 'node:crypto'

/** Signature algorithms built on MD2, MD5 or SHA-1 (OID -> name). */
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSASignature',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10040.4.3': 'dsa-with-sha1',
}

const NAMES: Record<string, string> = {
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
}

const EC_BITS: Record<string, number> = { prime256v1: 256, 'P-256': 256, secp256k1: 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521 }

export interface IssuerFacts {
  subject: string
  key: string
  signature: string
  validFrom: string
  validTo: string
}

/** One element's header at `at`: its tag, where its content starts and its length. */
function tlv(der: Buffer, at: number): { tag: number; start: number; len: number } {
  const tag = der[at]
  let len = der[at + 1]
  let start = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n < 1 || n > 4) throw new Error('bad DER length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]
    start += n
  }
  if (start + len > der.length) throw new Error('DER element runs past the end')
  return { tag, start, len }
}

function oidText(b: Buffer): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40]
  let v = 0
  for (const byte of b.subarray(1)) {
    v = v * 128 + (byte & 0x7f)
    if (!(byte & 0x80)) {
      parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}

/** The OID of the certificate's signatureAlgorithm. */
export function signatureOid(der: Buffer): string {
  const cert = tlv(der, 0)
  const tbs = tlv(der, cert.start)
  const alg = tlv(der, tbs.start + tbs.len)
  const oid = tlv(der, alg.start)
  if (cert.tag !== 0x30 || tbs.tag !== 0x30 || alg.tag !== 0x30 || oid.tag !== 0x06) throw new Error('not an X.509 certificate')
  return oidText(der.subarray(oid.start, oid.start + oid.len))
}

/** The problems of one issuer certificate (PEM) at `now`; facts for the report when it parses. */
export function issuerProblems(pem: string, now = new Date()): { problems: string[]; problemsSv: string[]; facts?: IssuerFacts } {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(pem)
  } catch (err) {
    const why = (err as Error).message.split('\n')[0]
    return { problems: [`the certificate does not parse: ${why}`], problemsSv: [`certifikatet kan inte tolkas: ${why}`] }
  }
  const problems: string[] = []
  const problemsSv: string[] = []
  const add = (en: string, sv: string) => {
    problems.push(en)
    problemsSv.push(sv)
  }
  const from = new Date(cert.validFrom)
  const to = new Date(cert.validTo)
  if (now < from) add(`not valid yet (valid from ${from.toISOString()})`, `inte giltigt än (giltigt från ${from.toISOString()})`)
  if (now > to) add(`expired ${to.toISOString()}`, `gick ut ${to.toISOString()}`)
  const type = cert.publicKey.asymmetricKeyType
  const d = cert.publicKey.asymmetricKeyDetails ?? {}
  let key = String(type)
  if (type === 'rsa' || type === 'rsa-pss') {
    key = `${type.toUpperCase()} ${d.modulusLength} bits`
    if ((d.modulusLength ?? 0) < 2048) add(`an ${key} key (at least 2048 bits)`, `en ${key}-nyckel (minst 2048 bitar)`)
  } else if (type === 'ec') {
    const bits = EC_BITS[String(d.namedCurve)] ?? 0
    key = `EC ${d.namedCurve}`
    if (bits < 256) add(`an ${key} key (a curve of at least 256 bits)`, `en ${key}-nyckel (en kurva på minst 256 bitar)`)
  } else if (type !== 'ed25519' && type !== 'ed448') {
    add(`a ${key} key (RSA >= 2048 or EC >= 256 expected)`, `en ${key}-nyckel (RSA >= 2048 eller EC >= 256 väntades)`)
  }
  let signature = 'unknown'
  try {
    const oid = signatureOid(cert.raw)
    signature = WEAK_SIGNATURES[oid] ?? NAMES[oid] ?? oid
    if (WEAK_SIGNATURES[oid]) add(`signed with ${signature} (MD5 and SHA-1 are broken)`, `signerat med ${signature} (MD5 och SHA-1 är knäckta)`)
  } catch (err) {
    add(`the signature algorithm cannot be read: ${(err as Error).message}`, `signaturalgoritmen kan inte läsas: ${(err as Error).message}`)
  }
  return { problems, problemsSv, facts: { subject: cert.subject.replace(/\n/g, ', '), key, signature, validFrom: from.toISOString(), validTo: to.toISOString() } }
}
