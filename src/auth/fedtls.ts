// FedTLS / MATF federation metadata (draft-halen-fed-tls-auth → RFC 9932; auth-flows §2): the document, its
// signing as a General JWS JSON Serialization, and the pieces the AUTH-FEDTLS-MD checks take apart.
// iat/exp/iss sit in the protected header in the drafts and in the payload in RFC 9932: konform writes both
// and reads either, saying which it found.

import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { createLocalJWKSet, generalVerify, GeneralSign, type JWK } from 'jose'
import type { ClientKey } from '../http/client-auth.js'
import { projectRoot } from '../paths.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

export interface Pin {
  alg: string
  digest: string
}
export interface Endpoint {
  description?: string
  tags?: string[]
  base_uri?: string
  pins: Pin[]
}
export interface Entity {
  entity_id: string
  organization?: string
  organization_id?: string
  issuers: { x509certificate?: string }[]
  servers?: Endpoint[]
  clients?: Endpoint[]
}
export interface Metadata {
  version: string
  cache_ttl?: number
  entities: Entity[]
  iat?: number
  exp?: number
  iss?: string
}

/** The algorithms a federation may sign with (ES256 recommended; never none or HMAC). */
export const METADATA_ALGS = ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA']

/** RFC 7469 SPKI pin: base64(sha256(DER SubjectPublicKeyInfo)) of a certificate or key. */
export function spkiPin(certOrKey: string | KeyObject): string {
  const key = typeof certOrKey === 'string' ? new X509Certificate(certOrKey).publicKey : createPublicKey(certOrKey)
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64')
}

/** Signs the metadata as General JWS JSON; iat/exp/iss in both header and payload. Returns the JSON text. */
export async function signMetadata(md: Metadata, key: ClientKey, o: { iss: string; iat: number; exp: number }): Promise<string> {
  const payload = { ...md, iat: o.iat, exp: o.exp, iss: o.iss }
  const jws = await new GeneralSign(new TextEncoder().encode(JSON.stringify(payload)))
    .addSignature(key.key)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, iat: o.iat, exp: o.exp, iss: o.iss })
    .sign()
  return JSON.stringify(jws, null, 2)
}

export interface ParsedJws {
  payload: string
  signatures: { protected: string; signature: string; header?: Record<string, unknown> }[]
}

/** The General JWS JSON shape (RFC 7515 7.2.1): the problems found, or the parsed object. */
export function parseGeneralJws(text: string): { jws?: ParsedJws; problems: { en: string; sv: string }[] } {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    const compact = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(text.trim())
    return {
      problems: [
        compact
          ? { en: 'the document is a compact JWS, not the General JWS JSON Serialization', sv: 'dokumentet är en kompakt JWS, inte General JWS JSON Serialization' }
          : { en: 'the document is not JSON', sv: 'dokumentet är inte JSON' },
      ],
    }
  }
  const o = v as Record<string, unknown>
  const problems: { en: string; sv: string }[] = []
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { problems: [{ en: 'the document is not a JSON object', sv: 'dokumentet är inte ett JSON-objekt' }] }
  if (typeof o.payload !== 'string') problems.push({ en: '"payload" is missing or not a string', sv: '"payload" saknas eller är inte en sträng' })
  if (!Array.isArray(o.signatures) || !o.signatures.length) problems.push({ en: '"signatures" is missing or empty (a flattened or unsigned JWS?)', sv: '"signatures" saknas eller är tom (en tillplattad eller osignerad JWS?)' })
  else {
    o.signatures.forEach((s: Record<string, unknown>, i: number) => {
      if (typeof s?.protected !== 'string') problems.push({ en: `signatures[${i}] has no "protected" header`, sv: `signatures[${i}] har inget "protected"-huvud` })
      if (typeof s?.signature !== 'string') problems.push({ en: `signatures[${i}] has no "signature"`, sv: `signatures[${i}] har ingen "signature"` })
    })
  }
  return problems.length ? { problems } : { jws: o as unknown as ParsedJws, problems }
}

export function decodeJson(b64url: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(b64url, 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Verifies the signature against the federation's JWKS; the error text when it does not. */
export async function verifyMetadataSignature(jws: ParsedJws, jwks: readonly JWK[]): Promise<string | undefined> {
  const header = decodeJson(jws.signatures[0].protected) ?? {}
  try {
    // The reference signer marks exp critical; jose refuses an unknown crit unless told (auth-flows §2.3).
    const crit = Array.isArray(header.crit) ? Object.fromEntries((header.crit as string[]).map((c) => [c, true])) : undefined
    await generalVerify(jws as never, createLocalJWKSet({ keys: [...jwks] }), { algorithms: METADATA_ALGS, crit })
    return undefined
  } catch (err) {
    return err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : String(err)
  }
}

/** iat/exp/iss: from the payload (RFC 9932) or the protected header (drafts), and where they were found. */
export function timesOf(header: Record<string, unknown>, payload: Record<string, unknown>): { iat?: number; exp?: number; iss?: string; where: string } {
  const pick = <T>(name: string, type: string) => (typeof payload[name] === type ? (payload[name] as T) : typeof header[name] === type ? (header[name] as T) : undefined)
  const where = ['iat', 'exp'].every((n) => typeof payload[n] === 'number') ? 'payload (RFC 9932)' : ['iat', 'exp'].every((n) => typeof header[n] === 'number') ? 'protected header (drafts)' : 'neither'
  return { iat: pick<number>('iat', 'number'), exp: pick<number>('exp', 'number'), iss: pick<string>('iss', 'string'), where }
}

let validator: ReturnType<Ajv2020['compile']> | undefined

/** Validates a payload against the MATF metadata schema (shipped in src/spec/documents). */
export function validateMetadataSchema(payload: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(projectRoot(), 'src/spec/documents/matf-metadata-schema.json'), 'utf8')) as object
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats(ajv)
    validator = ajv.compile(schema)
  }
  if (validator(payload)) return []
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}
