// `konform auth issuer`: konform's test issuer as a small HTTP server that a vendor's test system is pointed at.
// It serves the issuer's JWKS (public key only) and a GNAP-shaped grant endpoint (POST /transaction) that answers
// like Skolverket's nutid-auth (auth-flows §3.2) with a DNP-shaped JWT, for testing a vendor's DNP client. The
// endpoint authenticates no one: it is a test double on loopback, never an authorisation server.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GnapAccess, TestIssuer } from './issuer.js'

export interface IssuerServer {
  origin: string
  jwksUrl: string
  close(): Promise<void>
}

export const JWKS_PATH = '/.well-known/jwks.json'

export const GNAP_PATH = '/transaction'
const DNP_TYPES = new Set(['provisioning-api', 'ss12000-client', 'ss12000-api'])
const GNAP_LIFETIME_S = 36_000 // as nutid-auth's tokens (10 h)

export async function startIssuerServer(issuer: TestIssuer, o: { host?: string; port?: number; iss?: string; audience?: string } = {}): Promise<IssuerServer> {
  const body = JSON.stringify(issuer.jwks())
  let origin = ''
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === GNAP_PATH) {
      void grant(req, issuer, o.iss ?? origin, o.audience ?? 'nutid').then(([status, answer]) => {
        const text = JSON.stringify(answer)
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)) })
        res.end(text)
      })
      return
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && (path === JWKS_PATH || path === '/jwks.json')) {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'max-age=300', 'content-length': String(Buffer.byteLength(body)) })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(`konform test issuer: the JWKS is at ${JWKS_PATH}\n`)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve())
  })
  const a = server.address() as AddressInfo
  origin = `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`
  return {
    origin,
    jwksUrl: origin + JWKS_PATH,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** POST /transaction: a GNAP grant request (RFC 9635 2) for DNP access types -> a bearer JWT, or a GNAP error. */
async function grant(req: http.IncomingMessage, issuer: TestIssuer, iss: string, audience: string): Promise<[number, unknown]> {
  const invalid = (description: string): [number, unknown] => [400, { error: { code: 'invalid_request', description } }]
  if (req.method !== 'POST') return [405, { error: { code: 'invalid_request', description: 'use POST' } }]
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > 65536) return invalid('the request is too large')
    chunks.push(c)
  }
  let body: { access_token?: { access?: unknown; flags?: unknown }[] | { access?: unknown; flags?: unknown }; client?: unknown }
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return invalid('the body is not JSON')
  }
  const request = Array.isArray(body?.access_token) ? body.access_token[0] : body?.access_token
  const access = request?.access
  if (!Array.isArray(access) || !access.length) return invalid('access_token.access must list the access asked for')
  for (const a of access as GnapAccess[]) {
    if (!DNP_TYPES.has(a?.type)) return invalid(`access type ${JSON.stringify(a?.type)} is not one of ${[...DNP_TYPES].join(', ')}`)
    if (!Array.isArray(a.locations) || !a.locations.length || !a.locations.every((l) => typeof l === 'string' && /^https?:\/\//.test(l))) {
      return invalid('each access needs locations: the API base URLs')
    }
  }
  if (!Array.isArray(request?.flags) || !request.flags.includes('bearer')) return invalid('flags must include "bearer"')
  if (body.client === undefined) return invalid('client is missing (its key: an entity_id or {proof: "mtls", "cert#S256": …})')
  const value = await issuer.mint({ issuer: iss, audience, dnpLocation: (access as GnapAccess[])[0].locations[0] }, 'valid', Date.now(), access as GnapAccess[], GNAP_LIFETIME_S)
  return [200, { access_token: { value, access, expires_in: GNAP_LIFETIME_S, flags: ['bearer'] } }]
}
