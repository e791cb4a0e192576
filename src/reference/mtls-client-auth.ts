// RFC 8705 at the reference server's token endpoint and resource server: mutual-TLS client authentication
// (tls_client_auth: a certificate from the trusted CA whose subject DN or SAN is the one registered for the client;
// self_signed_tls_client_auth: a registered self-signed certificate, or one whose key is in the client's JWKS) and
// certificate-bound access tokens (cnf["x5t#S256"] = base64url(SHA-256(DER of the certificate)), RFC 8705 3.1).
// HTTP-free: the server hands in the peer certificate of the request's TLS connection.

import { createHash, createPublicKey, X509Certificate } from 'node:crypto'
import type { JWK } from 'jose'

/** The certificate a client presented on the request's TLS connection. */
export interface PeerCertificate {
  cert: X509Certificate
  /** The TLS layer validated its chain to a trusted CA (or a trusted self-signed certificate). */
  authorized: boolean
}

/** How the client is registered for mutual-TLS client authentication (RFC 8705 2.1.2, 2.2.2). */
export interface MtlsClientRegistration {
  /** tls_client_auth_subject_dn, RFC 4514 form ('CN=konform test client'). */
  subjectDn?: string
  /** tls_client_auth_san_dns / _san_uri / _san_ip. */
  sanDns?: string
  sanUri?: string
  sanIp?: string
  /** self_signed_tls_client_auth: the registered certificates (PEM) or public keys (JWKS). */
  selfSigned?: readonly string[]
  selfSignedJwks?: readonly JWK[]
}

export type MtlsMethod = 'tls_client_auth' | 'self_signed_tls_client_auth'

/** x5t#S256 of a certificate (RFC 8705 3.1); spki: of its public key instead, the confusion of a fault. */
export function certThumbprint(cert: X509Certificate, spki = false): string {
  const der = spki ? cert.publicKey.export({ type: 'spki', format: 'der' }) : cert.raw
  return createHash('sha256').update(der).digest('base64url')
}

/** x5t#S256 of a PEM certificate, as RFC 8705 3.1 defines it (what konform expects in cnf). */
export function pemThumbprint(pem: string): string {
  return certThumbprint(new X509Certificate(pem))
}

/** The method the certificate authenticates the client by, or undefined when it does not. */
export function mtlsMethodFor(peer: PeerCertificate, reg: MtlsClientRegistration): MtlsMethod | undefined {
  const c = peer.cert
  const selfIssued = c.checkIssued(c)
  if (selfIssued) {
    const thumb = certThumbprint(c)
    if ((reg.selfSigned ?? []).some((pem) => pemThumbprint(pem) === thumb)) return 'self_signed_tls_client_auth'
    const spki = c.publicKey.export({ type: 'spki', format: 'der' })
    for (const jwk of reg.selfSignedJwks ?? []) {
      try {
        if (createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'der' }).equals(spki)) return 'self_signed_tls_client_auth'
      } catch {
        // a key that is not a public key of a known type matches nothing
      }
    }
    return undefined
  }
  if (!peer.authorized) return undefined
  if (reg.subjectDn !== undefined && sameDn(c.subject, reg.subjectDn)) return 'tls_client_auth'
  const sans = (c.subjectAltName ?? '').split(/,\s*/).filter(Boolean)
  const has = (prefix: string, v?: string) => v !== undefined && sans.some((s) => s.toLowerCase() === `${prefix}:${v}`.toLowerCase())
  if (has('DNS', reg.sanDns) || has('URI', reg.sanUri) || has('IP Address', reg.sanIp)) return 'tls_client_auth'
  return undefined
}

/**
 * Node prints a subject as 'C=SE\nO=…\nCN=…' (certificate order); RFC 4514 writes it comma-separated, most specific
 * first. Compared as sets of attribute=value, types case-insensitively.
 */
function sameDn(nodeSubject: string, rfc4514: string): boolean {
  const norm = (parts: string[]) =>
    parts
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const eq = p.indexOf('=')
        return `${p.slice(0, eq).trim().toUpperCase()}=${p.slice(eq + 1).trim().replace(/\\(.)/g, '$1')}`
      })
      .sort()
      .join('\n')
  return norm(nodeSubject.split('\n')) === norm(rfc4514.split(/(?<!\\),/))
}

/** The client certificate of a request's connection (HTTPS with a client certificate), else undefined. */
export function peerOf(socket: unknown): PeerCertificate | undefined {
  const s = socket as { getPeerX509Certificate?: () => X509Certificate | undefined; authorized?: boolean }
  const cert = typeof s.getPeerX509Certificate === 'function' ? s.getPeerX509Certificate() : undefined
  return cert ? { cert, authorized: s.authorized === true } : undefined
}
