// OAuth 2.0 client credentials (RFC 6749 4.4) for konform's own access: one token shared by the run, fetched on
// first use, fetched again shortly before it expires (a long run outlives a token) or when the API refuses it.

import { randomBytes } from 'node:crypto'
import { CheckError } from '../core/failure.js'
import type { ExchangeSink, HttpResponse, SendOptions } from './client.js'
import { clientAssertion, generateClientKey, isMtlsClientAuth, JWT_BEARER_ASSERTION, type ClientAuthMethod, type ClientKey } from './client-auth.js'
import type { Redactor } from './redact.js'

export interface ClientCredentials {
  tokenUrl: string
  clientId: string
  /** client_secret_basic (the default) and client_secret_post. */
  clientSecret?: string
  clientAuth?: ClientAuthMethod
  /** private_key_jwt: the key that signs the client assertion. */
  clientKey?: ClientKey
  scope?: string
}

// Fetch a new token this long before the old one expires (a tenth of its life for short-lived tokens).
const EARLY_MS = 30_000

export interface TokenRequestVariant {
  /** A wrong secret, or an assertion signed by a key the server does not know (private_key_jwt). */
  wrongCredential?: boolean
  grantType?: string
}

export class TokenSource {
  private token?: string
  private expiresAt = 0
  private pending?: Promise<string>

  constructor(
    private readonly cfg: ClientCredentials,
    private readonly send: (o: SendOptions, sink: ExchangeSink) => Promise<HttpResponse>,
    private readonly redactor: Redactor,
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.token = undefined
    this.expiresAt = 0
  }

  async get(sink: ExchangeSink, signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.expiresAt) return this.token
    // One fetch at a time; concurrent checks wait for the same token.
    this.pending ??= this.fetch(sink, signal).finally(() => (this.pending = undefined))
    return this.pending
  }

  /**
   * One client-credentials request, returned as it came (AUTH-TOKEN checks look at it); not cached. A variant
   * replaces the credential or the grant type, for the checks that the endpoint refuses a wrong one.
   */
  async request(sink: ExchangeSink, signal?: AbortSignal, variant: TokenRequestVariant = {}): Promise<HttpResponse> {
    const form = new URLSearchParams({ grant_type: variant.grantType ?? 'client_credentials' })
    if (this.cfg.scope) form.set('scope', this.cfg.scope)
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
    const method = this.cfg.clientAuth ?? 'client_secret_basic'
    if (isMtlsClientAuth(method)) {
      // RFC 8705 2: client_id in the body; the credential is the certificate the run's connections present.
      if (variant.wrongCredential) throw new CheckError({ en: `${method} has no credential in the request to get wrong: AUTH-TOKEN-004 presents no or another certificate instead`, sv: `${method} har inga inloggningsuppgifter i anropet som kan göras fel: AUTH-TOKEN-004 visar i stället inget eller ett annat certifikat` })
      form.set('client_id', this.cfg.clientId)
    } else if (method === 'private_key_jwt') {
      if (!this.cfg.clientKey) throw new CheckError({ en: 'private_key_jwt needs a client key (--client-key)', sv: 'private_key_jwt kräver en klientnyckel (--client-key)' })
      // RFC 7523 2.2: client_id is optional, but many servers want it; the assertion is a secret for its life.
      const key = variant.wrongCredential ? await generateClientKey() : this.cfg.clientKey
      const assertion = await clientAssertion(this.cfg.clientId, this.cfg.tokenUrl, { ...key, kid: this.cfg.clientKey.kid }, this.now())
      this.redactor.addSecret(assertion, 'client-assertion')
      form.set('client_id', this.cfg.clientId)
      form.set('client_assertion_type', JWT_BEARER_ASSERTION)
      form.set('client_assertion', assertion)
    } else {
      const secret = variant.wrongCredential ? `wrong-${randomBytes(12).toString('hex')}` : this.cfg.clientSecret
      if (secret === undefined) throw new CheckError({ en: `${method} needs a client secret (KONFORM_CLIENT_SECRET)`, sv: `${method} kräver en klienthemlighet (KONFORM_CLIENT_SECRET)` })
      if (method === 'client_secret_post') {
        form.set('client_id', this.cfg.clientId)
        form.set('client_secret', secret)
      } else {
        // client_secret_basic (RFC 6749 2.3.1): id and secret form-encoded, then base64 in the Basic header.
        const basic = Buffer.from(`${encodeURIComponent(this.cfg.clientId)}:${encodeURIComponent(secret)}`).toString('base64')
        if (!variant.wrongCredential) this.redactor.addSecret(basic, 'KONFORM_CLIENT_SECRET')
        headers.authorization = `Basic ${basic}`
      }
    }
    const res = await this.send({ method: 'POST', url: this.cfg.tokenUrl, headers, body: form.toString(), auth: 'none', signal }, sink)
    const token = (res.json as { access_token?: unknown } | undefined)?.access_token
    if (typeof token === 'string') this.redactor.addSecret(token, 'access-token')
    return res
  }

  private async fetch(sink: ExchangeSink, signal?: AbortSignal): Promise<string> {
    const res = await this.request(sink, signal)
    const body = res.json as { access_token?: unknown; expires_in?: unknown } | undefined
    if (res.status !== 200 || typeof body?.access_token !== 'string' || !body.access_token) {
      throw new CheckError({ en: `the token endpoint ${this.cfg.tokenUrl} gave no access token (HTTP ${res.status})`, sv: `tokenändpunkten ${this.cfg.tokenUrl} gav ingen åtkomsttoken (HTTP ${res.status})` })
    }
    this.token = body.access_token
    this.redactor.addSecret(this.token, 'access-token')
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 3600_000
    this.expiresAt = this.now() + ttl - Math.min(EARLY_MS, ttl / 10)
    return this.token
  }
}

