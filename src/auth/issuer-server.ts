// `konform auth issuer`: konform's test issuer as a small HTTP server that a vendor's test system is pointed at.
// It serves the issuer's JWKS (public key only) and nothing else; tokens are minted by `konform run` itself.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestIssuer } from './issuer.js'

export interface IssuerServer {
  origin: string
  jwksUrl: string
  close(): Promise<void>
}

export const JWKS_PATH = '/.well-known/jwks.json'

export async function startIssuerServer(issuer: TestIssuer, o: { host?: string; port?: number } = {}): Promise<IssuerServer> {
  const body = JSON.stringify(issuer.jwks())
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
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
  const origin = `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`
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
