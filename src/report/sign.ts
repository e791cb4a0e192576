// Signed report folders (R-10): a detached JWS (RFC 7515 Appendix F) over the RFC 8785 canonical JSON of the
// folder's manifest, made with an asymmetric key (Ed25519 → EdDSA, or P-256 → ES256) through jose.
//
// The manifest is { format, files: [{file, sha256}] }: SHA256SUMS itself (so no byte of it can change) and every
// file SHA256SUMS lists (results.json, junit.xml, report.html). The signature's payload is not stored; verify
// rebuilds it from the folder, so any change to any artefact, to SHA256SUMS or to SIGNATURE.jws fails.
// The public key is also in the protected header (jwk) so a folder can be checked without one, but only
// `--pubkey` proves who signed: without it, verify says the signer is unauthenticated and prints the key thumbprint.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { calculateJwkThumbprint, CompactSign, compactVerify, exportJWK, importJWK, type JWK } from 'jose'
import { KonformError, oneLine } from '../errors.js'
import { canonicalJson } from './jcs.js'
import { parseSums, sha256Hex, SUMS_FILE } from './integrity.js'

export const SIGNATURE_FILE = 'SIGNATURE.jws'
export const MANIFEST_FORMAT = 'konform-report-manifest/1'
export type SignAlg = 'EdDSA' | 'ES256'

export interface Manifest {
  format: typeof MANIFEST_FORMAT
  files: { file: string; sha256: string }[]
}

/** The manifest of `dir` as it is now: the SHA-256 of SHA256SUMS, then the entries SHA256SUMS lists. */
export async function manifestOf(dir: string): Promise<Manifest> {
  const sums = await readFile(join(resolve(dir), SUMS_FILE))
  const entries = parseSums(sums.toString('utf8'))
  return { format: MANIFEST_FORMAT, files: [{ file: SUMS_FILE, sha256: sha256Hex(sums) }, ...entries] }
}

export const manifestBytes = (m: Manifest): Uint8Array => Buffer.from(canonicalJson(m), 'utf8')

function algOf(key: KeyObject): SignAlg {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA'
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256'
  throw new KonformError(`unsupported key type ${key.asymmetricKeyType ?? key.type}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}: use an Ed25519 or P-256 key (konform report keygen)`)
}

async function readKeyFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    throw new KonformError(`cannot read the ${what} ${file}: ${oneLine(err)}`)
  }
}

/** A private key from a PEM file (PKCS#8 or SEC1, unencrypted); one-line KonformError otherwise. */
export async function readPrivateKey(file: string): Promise<KeyObject> {
  const pem = await readKeyFile(file, 'private key')
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch (err) {
    throw new KonformError(`${file} is not an unencrypted PEM private key: ${oneLine(err)}`)
  }
  algOf(key)
  return key
}

/** A public key from a PEM file (SPKI), or the public half of a private key file. */
export async function readPublicKey(file: string): Promise<KeyObject> {
  const pem = await readKeyFile(file, 'public key')
  let key: KeyObject
  try {
    key = createPublicKey(pem)
  } catch (err) {
    throw new KonformError(`${file} is not a PEM public key: ${oneLine(err)}`)
  }
  algOf(key)
  return key
}

export function generateKeys(alg: SignAlg): { privatePem: string; publicPem: string } {
  const pair = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

/** The detached compact JWS (`header..signature`) over the canonical manifest, with the public key in the header. */
export async function signManifest(manifest: Manifest, privateKey: KeyObject): Promise<string> {
  const alg = algOf(privateKey)
  const jwk = await exportJWK(createPublicKey(privateKey))
  const jws = await new CompactSign(manifestBytes(manifest))
    .setProtectedHeader({ alg, typ: 'JOSE', cty: MANIFEST_FORMAT, jwk, kid: await calculateJwkThumbprint(jwk) })
    .sign(privateKey)
  const [h, , s] = jws.split('.')
  return `${h}..${s}`
}

export type SignatureCheck =
  | { status: 'ok'; alg: string; thumbprint: string; signerChecked: boolean }
  | { status: 'invalid'; reason: string }
  | { status: 'missing' }

const B64URL = /^[A-Za-z0-9_-]+$/
const canonicalB64 = (s: string): boolean => B64URL.test(s) && Buffer.from(s, 'base64url').toString('base64url') === s

/** Check SIGNATURE.jws of `dir` against the folder as it is now; `publicKey` pins the signer. Never throws for a bad
 *  signature; 'missing' when the folder has none. */
export async function verifySignature(dir: string, publicKey?: KeyObject): Promise<SignatureCheck> {
  let text: string
  try {
    text = await readFile(join(resolve(dir), SIGNATURE_FILE), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
    return { status: 'invalid', reason: `cannot read ${SIGNATURE_FILE}: ${oneLine(err)}` }
  }
  // Exactly one line `header..signature\n`, both parts canonical base64url: no byte of the file can change unnoticed.
  const m = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)\n$/.exec(text)
  if (!m || !canonicalB64(m[1]) || !canonicalB64(m[2])) return { status: 'invalid', reason: `${SIGNATURE_FILE} is not a detached compact JWS` }
  let header: { alg?: unknown; jwk?: JWK; cty?: unknown }
  try {
    header = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as typeof header
  } catch {
    return { status: 'invalid', reason: `${SIGNATURE_FILE} has an unreadable header` }
  }
  if (header.alg !== 'EdDSA' && header.alg !== 'ES256') return { status: 'invalid', reason: `unsupported alg ${JSON.stringify(header.alg)}` }
  if (header.cty !== MANIFEST_FORMAT) return { status: 'invalid', reason: `${SIGNATURE_FILE} does not sign a konform report manifest` }
  let manifest: Manifest
  try {
    manifest = await manifestOf(dir)
  } catch (err) {
    return { status: 'invalid', reason: `the manifest cannot be rebuilt: ${oneLine(err)}` }
  }
  const payload = Buffer.from(manifestBytes(manifest)).toString('base64url')
  try {
    const key = publicKey ?? (header.jwk ? await importJWK(header.jwk, header.alg) : undefined)
    if (!key) return { status: 'invalid', reason: `${SIGNATURE_FILE} carries no key; give --pubkey` }
    if (publicKey && algOf(publicKey) !== header.alg) return { status: 'invalid', reason: `signed with ${header.alg}, but --pubkey is a ${algOf(publicKey)} key` }
    await compactVerify(`${m[1]}.${payload}.${m[2]}`, key, { algorithms: [header.alg] })
  } catch (err) {
    return { status: 'invalid', reason: `the signature does not match ${publicKey ? 'the given public key and ' : ''}the folder's manifest (${oneLine(err)})` }
  }
  const jwk = publicKey ? await exportJWK(publicKey) : header.jwk!
  return { status: 'ok', alg: header.alg, thumbprint: await calculateJwkThumbprint(jwk), signerChecked: !!publicKey }
}
