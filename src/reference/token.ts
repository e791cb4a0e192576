// The reference server's OAuth 2.0 authorisation server, client-credentials grant only (RFC 6749 4.4): client
// authentication by HTTP Basic (client_secret_basic), in the body (client_secret_post) or by a signed client
// assertion (private_key_jwt, RFC 7523) against the client's registered public JWK, JWT access tokens
// (RFC 9068 shape) signed ES256 with a key made at start, its JWKS, and verification of bearer tokens.
// HTTP-free: the server hands in the request's parts and writes the answer it gets back.

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { createLocalJWKSet, jwtVerify, SignJWT, type JWK } from 'jose'
import { TestIssuer, type TokenVariant } from '../auth/issuer.js'
import { clientKeyFrom, generateClientKey, type ClientKey } from '../http/client-auth.js'
import { JwtRules, type JwtLax, type TrustedIssuer } from './jwt-rules.js'
import { certThumbprint, mtlsMethodFor, type MtlsClientRegistration, type PeerCertificate } from './mtls-client-auth.js'

export interface TokenServiceOptions {
  clientId: string
  clientSecret: string
  ttlSeconds: number
  /** The client's public keys for private_key_jwt (RFC 7523); without them that method is refused. */
  clientJwks?: readonly JWK[]
  /** Issuers whose tokens the resource server accepts besides its own (konform's test issuer). */
  trustedIssuers?: readonly TrustedIssuer[]
  /** Faults of the token endpoint: a right client id with any secret, any grant_type. */
  lax?: { anySecret?: boolean; anyGrant?: boolean }
  /** Faults of the resource server's JWT rules (jwt-rules.ts). */
  jwtLax?: JwtLax
  /** RFC 8705: the client's registration for mutual-TLS client authentication; tokens it gets that way are certificate-bound. */
  mtlsClient?: MtlsClientRegistration
  /** The token service's clock in ms (tests move it to expire tokens without waiting); default Date.now. */
  now?: () => number
  /** Faults of RFC 8705: tls_client_auth on the client_id alone, cnf over the public key, binding not enforced. */
  mtlsLax?: { anyCertificate?: boolean; spkiThumbprint?: boolean; ignoreBinding?: boolean }
}

export interface TokenAnswer {
  status: number
  headers: Record<string, string>
  body: Record<string, unknown>
}

export interface TokenRequest {
  contentType?: string
  authorization?: string
  body: string
  /** The client certificate of the request's TLS connection (mutual TLS), if any. */
  peer?: PeerCertificate
}

/** forbidden: a valid token that grants nothing here (403 insufficient_scope), not an invalid one (401). */
export type VerifyResult = { ok: true; clientId: string } | { ok: false; reason: string; forbidden?: boolean }

/** An OAuth error answer (RFC 6749 5.2). */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description)
  }
}

export class FormError extends Error {}

/**
 * application/x-www-form-urlencoded (also the query string): '+' is a space, %XX are UTF-8 bytes. Unlike
 * URLSearchParams it refuses malformed percent-encoding (FormError) instead of passing it through.
 */
export function parseFormEncoded(s: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of s.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const name = decodeFormComponent(eq < 0 ? part : part.slice(0, eq))
    const value = decodeFormComponent(eq < 0 ? '' : part.slice(eq + 1))
    const list = out.get(name) ?? []
    list.push(value)
    out.set(name, list)
  }
  return out
}

function decodeFormComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    throw new FormError(`malformed percent-encoding in ${JSON.stringify(s.slice(0, 60))}`)
  }
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

export class TokenService {
  private issuer = ''
  private audience = ''
  private readonly rules: JwtRules

  private constructor(
    private readonly o: TokenServiceOptions,
    private readonly key: ClientKey,
  ) {
    this.rules = new JwtRules(o.jwtLax)
  }

  static async create(o: TokenServiceOptions): Promise<TokenService> {
    const k = await generateClientKey()
    return new TokenService(o, await clientKeyFrom(k.key, randomUUID()))
  }

  /** Set once the server knows its origin: tokens name it as iss and the API base URL as aud. */
  configure(issuer: string, audience: string): void {
    this.issuer = issuer
    this.audience = audience
    this.rules.configure({ issuer, audience, kid: this.key.kid, key: this.key.key, alg: this.key.alg }, this.o.trustedIssuers ?? [])
  }

  /** The JSON Web Key Set with the public key (served at /.well-known/jwks.json); staleKid: under another kid (a fault). */
  jwks(staleKid = false): { keys: JWK[] } {
    return { keys: [staleKid ? { ...this.key.publicJwk, kid: `${this.key.kid}-old` } : this.key.publicJwk] }
  }

  /** The token endpoint takes mutual-TLS client authentication (RFC 8705) and binds those tokens. */
  get mtls(): boolean {
    return this.o.mtlsClient !== undefined
  }

  /** The issuer identifier (the server's origin), once configured. */
  get issuerId(): string {
    return this.issuer
  }

  /** A signed access token for the client; cnf binds it to a certificate (RFC 8705 3). */
  async issue(clientId = this.o.clientId, cnf?: { 'x5t#S256': string }): Promise<string> {
    const now = Math.floor((this.o.now ?? Date.now)() / 1000)
    return new SignJWT({ client_id: clientId, ...(cnf ? { cnf } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid: this.key.kid, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.o.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key.key)
  }

  /** A token of this server's own key with exactly one thing wrong (tests and fault probes). */
  mint(variant: TokenVariant): Promise<string> {
    return TestIssuer.fromKey(this.key).mint({ issuer: this.issuer, audience: this.audience }, variant)
  }

  /** The resource server's rules for a bearer token: signature, alg, kid, exp, nbf, iss, aud (and DNP claims). */
  async verify(token: string, peer?: PeerCertificate): Promise<VerifyResult> {
    const v = await this.rules.verify(token, (this.o.now ?? Date.now)())
    if (!v.ok) return v
    // RFC 8705 3: a certificate-bound token is good only on a connection with that certificate.
    const cnf = (decodePayload(token)?.cnf as Record<string, unknown> | undefined)?.['x5t#S256']
    if (cnf !== undefined && !this.o.mtlsLax?.ignoreBinding) {
      if (!peer) return { ok: false, reason: 'the token is bound to a client certificate (cnf x5t#S256) and none was presented' }
      if (cnf !== certThumbprint(peer.cert, this.o.mtlsLax?.spkiThumbprint)) return { ok: false, reason: 'the token is bound to another client certificate (cnf x5t#S256, RFC 8705 3)' }
    }
    return { ok: true, clientId: v.subject }
  }

  /** POST /token: the whole exchange, as status, headers and JSON body. */
  async handle(req: TokenRequest): Promise<TokenAnswer> {
    try {
      const form = this.parseForm(req)
      const mtls = this.isMtlsRequest(req.authorization, form)
      const clientId = mtls ? this.authenticateMtls(form, req.peer) : await this.authenticateClient(req.authorization, form)
      const grant = single(form, 'grant_type')
      if (grant !== 'client_credentials' && !this.o.lax?.anyGrant) {
        throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${JSON.stringify(grant)} is not supported; use client_credentials`)
      }
      // Tokens of a client that authenticated by certificate are bound to it (RFC 8705 3; the client's registration).
      const cnf = mtls && req.peer ? { 'x5t#S256': certThumbprint(req.peer.cert, this.o.mtlsLax?.spkiThumbprint) } : undefined
      const accessToken = await this.issue(clientId, cnf)
      return { status: 200, headers: NO_STORE, body: { access_token: accessToken, token_type: 'Bearer', expires_in: this.o.ttlSeconds } }
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err
      return { status: err.status, headers: { ...NO_STORE, ...err.headers }, body: { error: err.error, error_description: err.description } }
    }
  }

  private parseForm(req: TokenRequest): Map<string, string[]> {
    const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/x-www-form-urlencoded') {
      throw new OAuthError(400, 'invalid_request', 'the token request must be application/x-www-form-urlencoded')
    }
    let form: Map<string, string[]>
    try {
      form = parseFormEncoded(req.body)
    } catch (err) {
      throw new OAuthError(400, 'invalid_request', (err as Error).message)
    }
    // RFC 6749 3.2: parameters must not be included more than once.
    for (const [name, values] of form) {
      if (values.length > 1) throw new OAuthError(400, 'invalid_request', `${name} is given more than once`)
    }
    if (!form.has('grant_type')) throw new OAuthError(400, 'invalid_request', 'grant_type is missing')
    return form
  }

  /** client_secret_basic, client_secret_post or private_key_jwt, exactly one of them (RFC 6749 2.3); the client id when it holds. */
  private async authenticateClient(authorization: string | undefined, form: Map<string, string[]>): Promise<string> {
    const basic = authorization !== undefined && /^basic\s/i.test(authorization)
    const inBody = form.has('client_secret')
    const assertion = form.has('client_assertion') || form.has('client_assertion_type')
    if ([basic, inBody, assertion].filter(Boolean).length > 1) throw new OAuthError(400, 'invalid_request', 'the client authenticated in more than one way')
    if (assertion) return this.authenticateAssertion(form)
    let id: string | undefined
    let secret: string | undefined
    if (basic) {
      ;[id, secret] = decodeBasic(authorization!.replace(/^basic\s+/i, '').trim())
    } else {
      id = single(form, 'client_id')
      secret = single(form, 'client_secret')
    }
    if (basic && form.has('client_id') && single(form, 'client_id') !== id) {
      throw new OAuthError(400, 'invalid_request', 'client_id in the body differs from the one authenticated')
    }
    const secretOk = secret !== undefined && (same(secret, this.o.clientSecret) || this.o.lax?.anySecret === true)
    if (id === undefined || !same(id, this.o.clientId) || !secretOk) {
      // With Basic the answer must carry a challenge for that scheme (RFC 6749 5.2).
      throw new OAuthError(401, 'invalid_client', 'client authentication failed', basic ? { 'www-authenticate': 'Basic realm="konform", charset="UTF-8"' } : {})
    }
    return id
  }

  /**
   * private_key_jwt (RFC 7523 2.2, 3): a JWT signed by a registered client key, iss = sub = client_id, aud = this
   * token endpoint or the issuer, exp present, each jti used once.
   */
  private async authenticateAssertion(form: Map<string, string[]>): Promise<string> {
    if (single(form, 'client_assertion_type') !== JWT_BEARER) {
      throw new OAuthError(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}`)
    }
    const refuse = (why: string) => new OAuthError(401, 'invalid_client', `client authentication failed: ${why}`)
    if (!this.o.clientJwks?.length) throw refuse('no key is registered for private_key_jwt')
    const jwt = single(form, 'client_assertion') ?? ''
    let payload: Record<string, unknown>
    try {
      ;({ payload } = await jwtVerify(jwt, createLocalJWKSet({ keys: [...this.o.clientJwks] }), {
        issuer: this.o.clientId,
        subject: this.o.clientId,
        audience: [`${this.issuer}/token`, this.issuer],
        algorithms: ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA'],
        requiredClaims: ['exp', 'jti'],
        clockTolerance: 5,
      }))
    } catch (err) {
      throw refuse(err instanceof Error ? err.message : String(err))
    }
    if (form.has('client_id') && single(form, 'client_id') !== this.o.clientId) throw refuse('client_id differs from the assertion')
    const jti = String(payload.jti)
    this.pruneJtis()
    if (this.usedJtis.has(jti)) throw refuse('the assertion was used before (jti)')
    this.usedJtis.set(jti, Number(payload.exp) * 1000)
    return this.o.clientId
  }

  /**
   * RFC 8705 2: a request with a client_id and no other credential, from a client registered for mutual TLS, is
   * authenticated by the connection's certificate.
   */
  private isMtlsRequest(authorization: string | undefined, form: Map<string, string[]>): boolean {
    if (!this.o.mtlsClient) return false
    const other = authorization !== undefined || ['client_secret', 'client_assertion', 'client_assertion_type'].some((n) => form.has(n))
    return !other && form.has('client_id')
  }

  private authenticateMtls(form: Map<string, string[]>, peer: PeerCertificate | undefined): string {
    const refuse = (why: string) => new OAuthError(401, 'invalid_client', `client authentication failed: ${why}`)
    if (!same(single(form, 'client_id') ?? '', this.o.clientId)) throw refuse('unknown client_id')
    if (this.o.mtlsLax?.anyCertificate) return this.o.clientId
    if (!peer) throw refuse('no client certificate was presented (tls_client_auth, RFC 8705 2)')
    if (!mtlsMethodFor(peer, this.o.mtlsClient!)) throw refuse('the client certificate is not the one registered for this client (RFC 8705 2.1, 2.2)')
    return this.o.clientId
  }

  /** Used assertion ids, until they expire (RFC 7523 3: the server may refuse a replayed jti). */
  private readonly usedJtis = new Map<string, number>()

  private pruneJtis(): void {
    const now = Date.now()
    for (const [jti, exp] of this.usedJtis) if (exp < now - 10_000) this.usedJtis.delete(jti)
  }
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

function decodePayload(token: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function single(form: Map<string, string[]>, name: string): string | undefined {
  return form.get(name)?.[0]
}

/** 'Basic base64(urlencode(id):urlencode(secret))' (RFC 6749 2.3.1) -> [id, secret]; undefined parts when malformed. */
function decodeBasic(credentials: string): [string | undefined, string | undefined] {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return [undefined, undefined]
  const text = Buffer.from(credentials, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon < 0) return [undefined, undefined]
  try {
    return [decodeFormComponent(text.slice(0, colon)), decodeFormComponent(text.slice(colon + 1))]
  } catch {
    return [undefined, undefined]
  }
}

/** Constant-time comparison (of digests, so lengths do not leak either). */
function same(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(h(a), h(b))
}
