// The reference server's listener: plain HTTP, or HTTPS that requires a client certificate from its CA
// (RFC 8705 2, the FedTLS/Moa server side: TLS 1.2 or newer, unknown issuers refused). The tls.* faults each
// break one of those rules.

import http from 'node:http'
import https from 'node:https'
import type { TLSSocket } from 'node:tls'
import type { FaultId } from './faults.js'
import { spkiPin } from '../auth/fedtls.js'
import { federationRefusal, type FederationTrust } from './fedtls-consumer.js'

export interface ServerTls {
  cert: string
  key: string
  /** The CA(s) whose client certificates are accepted. */
  clientCa: string
  /** FedTLS: trust the issuers and client pins of this federation's metadata instead of clientCa (fedtls-consumer.ts). */
  federation?: FederationTrust
  /** FedTLS: a certificate of the same CA whose pin the metadata does not publish (fault fedtls.server-cert-unpinned). */
  unpublished?: { cert: string; key: string }
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

export function createListener(handler: Handler, tls: ServerTls | undefined, faults: readonly FaultId[]): http.Server {
  if (!tls) return http.createServer(handler)
  const noCert = faults.includes('tls.accepts-no-client-cert')
  const unknownIssuer = faults.includes('tls.accepts-unknown-issuer')
  const old = faults.includes('tls.accepts-tls-1.1')
  // auth3: the token endpoint lets a client without a valid certificate through to its own (faulty) check.
  const tokenLax = faults.includes('auth.token-mtls-accepts-no-cert')
  const lax = noCert || unknownIssuer || tokenLax
  const fed = tls.federation
  const pinsOnly = !!fed && !fed.issuers.length
  // FedTLS: the issuers the metadata lists; with none listed the pins alone decide (the handshake asks for any cert).
  const ca = () => (fed ? (fed.issuers.length ? [...fed.issuers] : undefined) : tls.clientCa)
  const own = faults.includes('fedtls.server-cert-unpinned') && tls.unpublished ? tls.unpublished : tls
  const server = https.createServer(
    {
      cert: own.cert,
      key: own.key,
      ca: ca(),
      requestCert: true,
      // Clean: the handshake itself refuses a missing or unknown certificate. A fault lets it through to the app.
      rejectUnauthorized: !lax && !pinsOnly,
      minVersion: old ? 'TLSv1' : 'TLSv1.2',
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; the fault lowers it.
      ...(old ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    },
    (req, res) => {
      const socket = req.socket as TLSSocket
      if (!socket.authorized && !pinsOnly) {
        const presented = Object.keys(socket.getPeerCertificate() ?? {}).length > 0
        const toToken = tokenLax && /^\/token(\?|$)/.test(req.url ?? '')
        if (!(presented ? unknownIssuer : noCert) && !toToken) {
          res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' })
          res.end(JSON.stringify({ code: 'forbidden', message: presented ? 'the client certificate is not from a trusted issuer' : 'a client certificate is required' }))
          return
        }
      }
      if (fed) {
        const cert = socket.getPeerX509Certificate()
        const why = federationRefusal(fed, { pin: cert ? spkiPin(cert.toString()) : undefined }, req.headers, {
          acceptsUnpinned: faults.includes('fedtls.accepts-unpinned-client'),
          trustsHeader: faults.includes('fedtls.trusts-entity-header'),
        })
        if (why) {
          res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' })
          res.end(JSON.stringify({ code: 'forbidden', message: why }))
          return
        }
      }
      handler(req, res)
    },
  )
  // New metadata may list other issuers: the next handshakes trust those.
  fed?.onChange(() => server.setSecureContext({ cert: own.cert, key: own.key, ca: ca() }))
  return server
}
