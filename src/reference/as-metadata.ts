// The reference server's OAuth 2.0 Authorization Server Metadata (RFC 8414), served at
// /.well-known/oauth-authorization-server: its issuer (the server's origin, the iss of its tokens), token endpoint,
// JWKS and what it supports. HTTP-free; the fault auth.as-metadata-wrong-issuer names another issuer than the one
// the well-known URL was built from (a trailing slash), the classic mismatch RFC 8414 3.3 forbids.

import type { FaultId } from './faults.js'

export const AS_METADATA_PATH = '/.well-known/oauth-authorization-server'
export const JWKS_PATH = '/.well-known/jwks.json'

export function authorizationServerMetadata(issuer: string, faults: ReadonlySet<FaultId>, mtls = false): Record<string, unknown> {
  return {
    issuer: faults.has('auth.as-metadata-wrong-issuer') ? `${issuer}/` : issuer,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', ...(mtls ? ['tls_client_auth', 'self_signed_tls_client_auth'] : [])],
    token_endpoint_auth_signing_alg_values_supported: ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA'],
    response_types_supported: [],
    // RFC 8705 3.3: over its mutual-TLS listener it binds the tokens of clients that authenticate by certificate.
    ...(mtls ? { tls_client_certificate_bound_access_tokens: true } : {}),
  }
}
