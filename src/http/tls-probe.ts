// One HTTPS request on a connection of its own, with the TLS settings a check chooses (no client certificate,
// another one, an old protocol version), recorded as evidence like every other exchange. Outside the run's
// HttpClient on purpose: its connection pool carries the run's own certificate.

import https from 'node:https'
import type { TLSSocket } from 'node:tls'
import { spkiPin } from '../auth/fedtls.js'
import type { Exchange } from '../core/result.js'
import type { Redactor } from './redact.js'

export interface TlsProbeOptions {
  url: string
  headers?: Record<string, string>
  /** Client certificate and key (PEM); none when undefined. */
  cert?: string
  key?: string
  /** CA(s) to trust for the server's certificate (PEM); the system store when undefined. */
  ca?: string
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'
  /** FedTLS: accept any server certificate in the handshake (its pin is judged instead); send no secrets then. */
  pinsOnly?: boolean
  timeoutMs: number
  /** GET unless given (a token request is a POST with a form body). */
  method?: string
  body?: string
}

export interface TlsProbeResult {
  /** The HTTP status, when the request got an answer. */
  status?: number
  /** The TLS or socket error that ended it (ERR_SSL_…, ECONNRESET, EPROTO …). */
  error?: string
  protocol?: string
  /** The SPKI pin (base64 SHA-256) of the certificate the server presented, when the handshake got that far. */
  peerPin?: string
  exchange: Exchange
}

export function probeTls(o: TlsProbeOptions, id: string, redactor: Redactor): Promise<TlsProbeResult> {
  const started = new Date()
  const t0 = performance.now()
  const headers = { accept: 'application/json', 'user-agent': 'konform', ...o.headers }
  const exchange: Exchange = { id, startedAt: started.toISOString(), durationMs: 0, request: { method: o.method ?? 'GET', url: redactor.url(o.url), headers: redactor.headers(headers), ...(o.body !== undefined ? { body: redactor.body(o.body, (headers as Record<string, string>)['content-type']) } : {}) } }
  const old = o.maxVersion === 'TLSv1' || o.maxVersion === 'TLSv1.1'
  return new Promise((resolve) => {
    let peerPin: string | undefined
    const done = (r: Omit<TlsProbeResult, 'exchange'>) => {
      exchange.durationMs = Math.round(performance.now() - t0)
      if (r.error) exchange.error = `${r.error}${o.maxVersion ? ` (client offered at most ${o.maxVersion})` : ''}`
      resolve({ ...r, ...(peerPin ? { peerPin } : {}), exchange })
    }
    const req = https.request(
      o.url,
      {
        method: o.method ?? 'GET',
        headers,
        agent: false,
        cert: o.cert,
        key: o.key,
        ca: o.ca,
        ...(o.pinsOnly ? { rejectUnauthorized: false } : {}),
        ...(o.maxVersion ? { maxVersion: o.maxVersion, minVersion: old ? 'TLSv1' : undefined } : {}),
        // OpenSSL 3 will not even offer TLS 1.0/1.1 at its default security level.
        ...(old ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
        timeout: o.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size <= 65536) chunks.push(c)
        })
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          const flat: Record<string, string> = {}
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v
          exchange.response = { status: res.statusCode ?? 0, headers: redactor.headers(flat), ...(text ? { body: redactor.body(text, flat['content-type']).slice(0, 2000) } : {}), bodyBytes: size, truncated: size > 2000 }
          done({ status: res.statusCode, protocol: (res.socket as { getProtocol?: () => string | null })?.getProtocol?.() ?? undefined })
        })
        res.on('error', (e) => done({ error: describe(e) }))
      },
    )
    req.on('socket', (socket) =>
      socket.once('secureConnect', () => {
        const cert = (socket as TLSSocket).getPeerX509Certificate?.()
        if (cert) peerPin = spkiPin(cert.toString())
      }),
    )
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within the timeout'), { code: 'ETIMEDOUT' })))
    req.on('error', (e) => done({ error: describe(e) }))
    req.end(o.body)
  })
}

function describe(e: Error): string {
  const code = (e as { code?: string }).code
  // OpenSSL messages carry a source path and line; the alert's name is what a reader needs.
  const alert = /alert ([a-z0-9 ]+?)(?::|$)/i.exec(e.message)?.[1]
  return [code, alert ? `TLS alert: ${alert}` : e.message.split('\n')[0].slice(0, 200)].filter(Boolean).join(' ')
}

/** A refusal: a TLS/socket error, or 401/403. A 2xx never is; other statuses are reported as they are. */
export function refused(r: TlsProbeResult): boolean {
  return r.error !== undefined || r.status === 401 || r.status === 403
}
