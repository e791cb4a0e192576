// How konform authenticates itself at a token endpoint (RFC 6749 2.3, RFC 7523 2.2): client_secret_basic,
// client_secret_post or private_key_jwt. The private key is konform's; the authorisation server holds its public JWK.

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto'
import { access, readFile, writeFile } from 'node:fs/promises'
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose'
import { KonformError, oneLine } from '../errors.js'

export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'] as const
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number]

/** The short flag values (--client-auth basic|post|private_key_jwt) -> the RFC 8414 method names. */
export const CLIENT_AUTH_FLAG: Record<string, ClientAuthMethod> = {
  basic: 'client_secret_basic',
  post: 'client_secret_post',
  private_key_jwt: 'private_key_jwt',
  // RFC 8705 2: the client certificate of the connection (--client-cert/--client-key) authenticates konform.
  tls_client_auth: 'tls_client_auth',
  self_signed_tls_client_auth: 'self_signed_tls_client_auth',
}

/** The methods in which the TLS client certificate is the credential (RFC 8705 2.1, 2.2). */
export const isMtlsClientAuth = (m: ClientAuthMethod | undefined): boolean => m === 'tls_client_auth' || m === 'self_signed_tls_client_auth'

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

export interface ClientKey {
  key: KeyObject
  alg: 'ES256' | 'ES384' | 'ES512' | 'RS256' | 'PS256' | 'EdDSA'
  kid: string
  /** The public half, as the authorisation server registers it (with kid, alg, use). */
  publicJwk: JWK
}

/** A client key from a private key object: its algorithm follows from the key type, its kid is the RFC 7638 thumbprint. */
export async function clientKeyFrom(key: KeyObject, kid?: string): Promise<ClientKey> {
  if (key.type !== 'private') throw new KonformError('the client key must be a private key')
  const alg = algOf(key)
  const pub = createPublicKey(key).export({ format: 'jwk' }) as JWK
  const id = kid ?? (await calculateJwkThumbprint(pub))
  return { key, alg, kid: id, publicJwk: { ...pub, kid: id, alg, use: 'sig' } }
}

/** A fresh ES256 key (the built-in server's private_key_jwt client when no --client-key is given). */
export function generateClientKey(): Promise<ClientKey> {
  return clientKeyFrom(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
}

/** --client-key FILE: a PEM private key (PKCS#8, SEC1 or PKCS#1) or a private JWK in JSON. */
export async function loadClientKey(file: string): Promise<ClientKey> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new KonformError(`cannot read the client key ${file}: ${oneLine(err)}`)
  }
  try {
    if (text.trimStart().startsWith('{')) {
      const jwk = JSON.parse(text) as JWK
      return await clientKeyFrom(createPrivateKey({ key: jwk as never, format: 'jwk' }), jwk.kid)
    }
    return await clientKeyFrom(createPrivateKey(text))
  } catch (err) {
    if (err instanceof KonformError) throw err
    // Never echo the file's content: it is a private key.
    throw new KonformError(`${file} is not a private key in PEM or JWK form (${(err as { code?: string }).code ?? 'unreadable'})`)
  }
}

function algOf(key: KeyObject): ClientKey['alg'] {
  const d = key.asymmetricKeyDetails
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (d?.namedCurve === 'prime256v1') return 'ES256'
      if (d?.namedCurve === 'secp384r1') return 'ES384'
      if (d?.namedCurve === 'secp521r1') return 'ES512'
      break
    case 'rsa':
      if ((d?.modulusLength ?? 0) >= 2048) return 'RS256'
      throw new KonformError('an RSA client key must have at least 2048 bits')
    case 'rsa-pss':
      return 'PS256'
    case 'ed25519':
      return 'EdDSA'
  }
  throw new KonformError(`unsupported client key type ${key.asymmetricKeyType ?? '?'} ${d?.namedCurve ?? ''}`.trim())
}

/**
 * A client assertion (RFC 7523 3): iss = sub = client_id, aud = the token endpoint, a fresh jti, 60 s of life.
 * `key` replaces the client's key (a wrong-key variant for the check that the endpoint refuses it).
 */
export function clientAssertion(clientId: string, tokenUrl: string, k: ClientKey, now = Date.now()): Promise<string> {
  const t = Math.floor(now / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: k.alg, kid: k.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(t)
    .setExpirationTime(t + 60)
    .sign(k.key)
}

/** Makes a P-256 private key (PKCS#8 PEM, mode 0600) at `file` unless one is there; true when it made one. */
export async function ensureKey(file: string): Promise<boolean> {
  try {
    await access(file)
    return false
  } catch {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' }).catch((err: unknown) => {
      throw new KonformError(`cannot write the key ${file}: ${oneLine(err)}`)
    })
    return true
  }
}
