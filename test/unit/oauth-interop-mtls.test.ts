// konform's tls_client_auth client (RFC 8705 2) against an independently written authorisation server:
// oidc-provider with its mTLS feature on a loopback HTTPS listener that asks for client certificates. The token it
// issues is a certificate-bound JWT, and its cnf["x5t#S256"] is the value AUTH-TOKEN-006 expects of konform's
// certificate: two implementations agree on RFC 8705 3.1.

import https from 'node:https'
import type { TLSSocket } from 'node:tls'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { decodeJwt } from 'jose'
import Provider from 'oidc-provider'
import type { Exchange } from '../../src/core/result.js'
import { HttpClient } from '../../src/http/client.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'
import { pemThumbprint } from '../../src/reference/mtls-client-auth.js'
import { TEST_CLIENT_DN } from '../../src/reference/pki.js'
import { sharedPki } from '../helpers/rfc8705.js'

describe('OAuth client against oidc-provider (client credentials, tls_client_auth)', function () {
  this.timeout(20_000)
  let server: https.Server
  let issuer: string

  before(async function () {
    const pki = await sharedPki()
    let provider: Provider | undefined
    // Certificates are asked for but judged by the provider (certificateAuthorized), as behind a TLS terminator.
    server = https.createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca, requestCert: true, rejectUnauthorized: false }, (req, res) => provider!.callback()(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
    const socket = (ctx: { req: { socket: unknown } }) => ctx.req.socket as TLSSocket
    provider = new Provider(issuer, {
      clientAuthMethods: ['tls_client_auth'],
      clients: [
        {
          client_id: 'c-mtls',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: TEST_CLIENT_DN,
          tls_client_certificate_bound_access_tokens: true,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
        },
      ],
      features: {
        clientCredentials: { enabled: true },
        devInteractions: { enabled: false },
        // A JWT access token, so the binding is visible to the client (and to AUTH-TOKEN-006).
        resourceIndicators: {
          enabled: true,
          defaultResource: () => 'urn:konform:api',
          getResourceServerInfo: () => ({ scope: '', audience: 'urn:konform:api', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
          useGrantedResource: () => true,
        },
        mTLS: {
          enabled: true,
          tlsClientAuth: true,
          certificateBoundAccessTokens: true,
          getCertificate: (ctx: { req: { socket: unknown } }) => socket(ctx).getPeerX509Certificate()?.toString(),
          certificateAuthorized: (ctx: { req: { socket: unknown } }) => socket(ctx).authorized,
          certificateSubjectMatches: (ctx: { req: { socket: unknown } }, property: string, expected: string) =>
            property === 'tls_client_auth_subject_dn' && socket(ctx).getPeerX509Certificate()?.subject === expected,
        },
      },
    } as never)
  })
  after(async function () {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })

  it('gets a certificate-bound token whose cnf x5t#S256 is the SHA-256 of konform\'s certificate; nothing secret in the exchange', async function () {
    const pki = await sharedPki()
    const c = new HttpClient({
      auth: { kind: 'client-credentials', tokenUrl: `${issuer}/token`, clientId: 'c-mtls', clientAuth: 'tls_client_auth' },
      limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 },
      redactor: new Redactor(),
      allowWrites: false,
      tls: { cert: pki.client.cert, key: pki.client.key, ca: pki.ca },
    })
    try {
      const log: Exchange[] = []
      const token = await c.accessToken((e) => log.push(e))
      expect(log[0].response?.status, JSON.stringify(log[0].response)).to.equal(200)
      expect(log[0].request.body).to.equal('grant_type=client_credentials&client_id=c-mtls')
      expect(decodeJwt(token!).cnf).to.deep.equal({ 'x5t#S256': pemThumbprint(pki.client.cert) })
      expect(JSON.stringify(log)).to.not.contain(token)
    } finally {
      await c.close()
    }
  })

  it('is refused with invalid_client when the certificate is another client\'s', async function () {
    const pki = await sharedPki()
    const c = new HttpClient({
      auth: { kind: 'client-credentials', tokenUrl: `${issuer}/token`, clientId: 'c-mtls', clientAuth: 'tls_client_auth' },
      limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 },
      redactor: new Redactor(),
      allowWrites: false,
      tls: { cert: pki.otherClient.cert, key: pki.otherClient.key, ca: pki.ca },
    })
    try {
      const res = await c.requestToken(() => {})!
      expect([res.status, (res.json as { error?: string }).error]).to.deep.equal([401, 'invalid_client'])
    } finally {
      await c.close()
    }
  })
})
