// The one HTTP client. Everything konform sends goes through send(): the read-only guard, the limits (timeout,
// response-size cap, rate, concurrency, Retry-After), the access token, and the recorder that redacts each
// exchange before it is kept. Redirects are never followed, so Authorization never reaches another origin.

import { Agent, request, type Dispatcher } from 'undici'
import { oneLine } from '../errors.js'
import { CheckError } from '../core/failure.js'
import type { Exchange } from '../core/result.js'
import { Limiter, retryAfterMs, type Limits } from './limits.js'
import type { Redactor } from './redact.js'
import { probeTls, type TlsProbeOptions, type TlsProbeResult } from './tls-probe.js'
import { TokenSource, type ClientCredentials, type TokenRequestVariant } from './token.js'

export type AuthConfig =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | ({ kind: 'client-credentials' } & ClientCredentials)

/** How one request authenticates: the run's configured auth, none, or an explicit token (auth checks). */
export type RequestAuth = 'default' | 'none' | { bearer: string; scheme?: string }

export interface SendOptions {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
  auth?: RequestAuth
  /** Marks a request that changes data; refused unless the run allows writes. */
  write?: boolean
  signal?: AbortSignal
  /** The caller keeps no evidence of the answer's body (the export harvest): it is not redacted nor excerpted. */
  bodyNotKept?: boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  text: string
  /** The parsed body when it is JSON; undefined when there is no body or it does not parse (see jsonError). */
  json: unknown
  jsonError?: string
  exchangeId: string
  durationMs: number
}

/** Thrown for a request that produced no usable response (network, timeout, size cap): evidence is kept. */
export class TransportError extends CheckError {
  constructor(
    message: string,
    readonly exchangeId: string,
    /** The system or undici error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, …), if any. */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

export type ExchangeSink = (e: Exchange) => void

export interface HttpClientOptions {
  auth: AuthConfig
  limits: Limits
  redactor: Redactor
  allowWrites: boolean
  dispatcher?: Dispatcher
  /** Clock for evidence timestamps and token lifetimes (injected in tests). */
  now?: () => Date
  /** Mutual TLS: the client certificate and key konform presents, and the CA it trusts for the server (PEM). */
  tls?: ClientTls
}

export interface ClientTls {
  cert?: string
  key?: string
  ca?: string
}

export class HttpClient {
  readonly limits: Limits
  private readonly dispatcher: Dispatcher
  private readonly ownDispatcher: boolean
  private readonly limiter: Limiter
  private readonly tokens?: TokenSource
  private seq = 0
  private readonly now: () => Date

  constructor(private readonly opts: HttpClientOptions) {
    this.limits = opts.limits
    this.ownDispatcher = !opts.dispatcher
    this.dispatcher =
      opts.dispatcher ??
      new Agent({
        connect: { timeout: opts.limits.requestTimeoutMs, ...(opts.tls ?? {}) },
        headersTimeout: opts.limits.requestTimeoutMs,
        bodyTimeout: opts.limits.requestTimeoutMs,
        connections: opts.limits.concurrency,
      })
    this.limiter = new Limiter(opts.limits)
    this.now = opts.now ?? (() => new Date())
    const a = opts.auth
    if (a.kind === 'bearer') opts.redactor.addSecret(a.token, 'KONFORM_TOKEN')
    if (a.kind === 'client-credentials') {
      opts.redactor.addSecret(a.clientSecret, 'KONFORM_CLIENT_SECRET')
      this.tokens = new TokenSource(a, (o, sink) => this.send(o, sink), opts.redactor, () => this.now().getTime())
    }
  }

  /** The run's TLS settings (client certificate, CA), for checks that open connections of their own. */
  get tls(): ClientTls | undefined {
    return this.opts.tls
  }

  /** One request on its own TLS connection with the given settings, recorded (tls-probe.ts). */
  probeTls(o: Omit<TlsProbeOptions, 'timeoutMs'>, sink: ExchangeSink): Promise<TlsProbeResult> {
    return probeTls({ ...o, timeoutMs: this.limits.requestTimeoutMs }, `e${++this.seq}`, this.opts.redactor).then((r) => {
      sink(r.exchange)
      return r
    })
  }

  /** A value that must never appear in an artefact (a token minted by a check). */
  addSecret(value: string, label: string): void {
    this.opts.redactor.addSecret(value, label)
  }

  /** Free text (messages, findings, notes) with secrets and personal data taken out, as evidence is. */
  redactText(text: string): string {
    return this.opts.redactor.text(text)
  }

  /** A response body, redacted as the evidence copy of it is (JSON key by key). */
  redactBody(body: string, contentType?: string): string {
    return this.opts.redactor.body(body, contentType)
  }

  /** The access token the run's auth gives (fetching or refreshing it), or undefined for auth none. */
  async accessToken(sink: ExchangeSink, signal?: AbortSignal): Promise<string | undefined> {
    const a = this.opts.auth
    if (a.kind === 'bearer') return a.token
    if (this.tokens) return this.tokens.get(sink, signal)
    return undefined
  }

  /** A fresh client-credentials token request, recorded; undefined when the run has no token endpoint. */
  requestToken(sink: ExchangeSink, signal?: AbortSignal, variant?: TokenRequestVariant): Promise<HttpResponse> | undefined {
    return this.tokens?.request(sink, signal, variant)
  }

  async send(o: SendOptions, sink: ExchangeSink): Promise<HttpResponse> {
    if (o.write && !this.opts.allowWrites) {
      throw new CheckError({ en: `refused to send ${o.method} ${o.url}: it changes data and --allow-writes was not given`, sv: `skickade inte ${o.method} ${o.url}: anropet ändrar data och --allow-writes angavs inte` })
    }
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'konform', ...o.headers }
    const auth = o.auth ?? 'default'
    let usedToken = false
    if (auth === 'default') {
      const token = await this.accessToken(sink, o.signal)
      if (token) {
        headers.authorization = `Bearer ${token}`
        usedToken = true
      }
    } else if (auth !== 'none') {
      headers.authorization = `${auth.scheme ?? 'Bearer'} ${auth.bearer}`
    }
    let res = await this.once(o, headers, sink)
    for (let attempt = 0; attempt < this.limits.maxRetries && (res.status === 429 || res.status === 503); attempt++) {
      const wait = retryAfterMs(res.headers['retry-after'], this.limits.maxRetryAfterMs)
      if (wait === undefined) break
      await sleep(wait, o.signal)
      res = await this.once(o, headers, sink)
    }
    // A token can be revoked or expire early: fetch a new one once and repeat (only for the run's own auth).
    if (res.status === 401 && usedToken && this.tokens) {
      this.tokens.invalidate()
      const token = await this.tokens.get(sink, o.signal)
      if (token) res = await this.once(o, { ...headers, authorization: `Bearer ${token}` }, sink)
    }
    return res
  }

  private async once(o: SendOptions, headers: Record<string, string>, sink: ExchangeSink): Promise<HttpResponse> {
    const id = `e${++this.seq}`
    const started = this.now()
    const t0 = performance.now()
    const r = this.opts.redactor
    const exchange: Exchange = {
      id,
      startedAt: started.toISOString(),
      durationMs: 0,
      request: {
        method: o.method,
        url: r.url(o.url),
        headers: r.headers(headers),
        ...(o.body !== undefined ? { body: r.body(o.body, headers['content-type']) } : {}),
      },
    }
    const signals = [AbortSignal.timeout(this.limits.requestTimeoutMs), ...(o.signal ? [o.signal] : [])]
    const signal = AbortSignal.any(signals)
    const release = await this.limiter.acquire(signal)
    try {
      const res = await request(o.url, {
        method: o.method as Dispatcher.HttpMethod,
        headers,
        body: o.body,
        dispatcher: this.dispatcher,
        signal,
      })
      const resHeaders = flattenHeaders(res.headers)
      const { text, bytes, truncated } = await readCapped(res.body, this.limits.maxResponseBytes)
      const durationMs = Math.round(performance.now() - t0)
      exchange.durationMs = durationMs
      // Redact the whole body first (JSON is redacted key by key, which needs all of it), then cut the excerpt.
      const redacted = text && !o.bodyNotKept ? r.body(text, resHeaders['content-type']) : ''
      const excerpt = redacted.slice(0, this.limits.evidenceBodyChars)
      exchange.response = {
        status: res.statusCode,
        headers: r.headers(resHeaders),
        ...(text && !o.bodyNotKept ? { body: excerpt } : {}),
        bodyBytes: bytes,
        truncated: truncated || excerpt.length < redacted.length || (!!text && !!o.bodyNotKept),
      }
      if (truncated) {
        exchange.error = `response body larger than the ${this.limits.maxResponseBytes}-byte cap; reading stopped`
        sink(exchange)
        throw new TransportError(`${o.method} ${r.url(o.url)}: ${exchange.error}`, id)
      }
      sink(exchange)
      let json: unknown
      let jsonError: string | undefined
      if (text.trim()) {
        try {
          json = JSON.parse(text)
        } catch (err) {
          jsonError = oneLine(err)
        }
      }
      return { status: res.statusCode, headers: resHeaders, text, json, jsonError, exchangeId: id, durationMs }
    } catch (err) {
      if (err instanceof TransportError) throw err
      exchange.durationMs = Math.round(performance.now() - t0)
      const timedOut = signals[0].aborted
      exchange.error = r.text(timedOut ? `no complete answer within ${this.limits.requestTimeoutMs} ms` : oneLine(err))
      sink(exchange)
      if (o.signal?.aborted) throw o.signal.reason ?? err
      throw new TransportError(`${o.method} ${exchange.request.url}: ${exchange.error}`, id, errorCode(err))
    } finally {
      release()
    }
  }

  async close(): Promise<void> {
    if (this.ownDispatcher) await this.dispatcher.close().catch(() => undefined)
  }
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } }
  const code = e?.cause?.code ?? e?.code
  return typeof code === 'string' ? code : undefined
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

async function readCapped(body: Dispatcher.ResponseData['body'], cap: number) {
  const chunks: Buffer[] = []
  let bytes = 0
  let truncated = false
  for await (const chunk of body) {
    const b = chunk as Buffer
    bytes += b.length
    if (bytes > cap) {
      truncated = true
      chunks.push(b.subarray(0, Math.max(0, cap - (bytes - b.length))))
      body.destroy()
      break
    }
    chunks.push(b)
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      reject(signal.reason)
    })
  })
}
