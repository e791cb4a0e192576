// RFC 8705 client authentication at the reference server's token endpoint, HTTP-free: which certificate
// authenticates the registered client (subject DN, SAN, a registered self-signed certificate or key), and that the
// token it gets is bound to exactly that certificate.

import { X509Certificate } from 'node:crypto'
import { expect } from 'chai'
import { decodeJwt, type JWK } from 'jose'
import { certThumbprint, mtlsMethodFor, pemThumbprint } from '../../src/reference/mtls-client-auth.js'
import { makeUntrustedClient, TEST_CLIENT_DN } from '../../src/reference/pki.js'
import { TokenService } from '../../src/reference/token.js'
import { authorizationServerMetadata } from '../../src/reference/as-metadata.js'
import { sharedPki } from '../helpers/rfc8705.js'

const FORM = 'application/x-www-form-urlencoded'

describe('RFC 8705 client authentication (reference server)', function () {
  this.timeout(20_000)

  it('tls_client_auth: a CA-validated certificate with the registered subject DN or SAN; nothing else', async function () {
    const pki = await sharedPki()
    const client = { cert: new X509Certificate(pki.client.cert), authorized: true }
    expect(mtlsMethodFor(client, { subjectDn: TEST_CLIENT_DN })).to.equal('tls_client_auth')
    expect(mtlsMethodFor(client, { subjectDn: 'cn=konform test client' }), 'attribute types are case-insensitive').to.equal('tls_client_auth')
    expect(mtlsMethodFor(client, { subjectDn: 'CN=konform second client' })).to.equal(undefined)
    expect(mtlsMethodFor({ ...client, authorized: false }, { subjectDn: TEST_CLIENT_DN }), 'not validated by the TLS layer').to.equal(undefined)
    const server = { cert: new X509Certificate(pki.server.cert), authorized: true }
    expect(mtlsMethodFor(server, { sanDns: 'localhost' })).to.equal('tls_client_auth')
    expect(mtlsMethodFor(server, { sanIp: '127.0.0.1' })).to.equal('tls_client_auth')
    expect(mtlsMethodFor(server, { sanDns: 'example.org' })).to.equal(undefined)
  })

  it('self_signed_tls_client_auth: the registered certificate, or a certificate whose key is in the registered JWKS', async function () {
    const own = await makeUntrustedClient()
    const other = await makeUntrustedClient()
    const peer = { cert: new X509Certificate(own.cert), authorized: true }
    expect(mtlsMethodFor(peer, { selfSigned: [own.cert] })).to.equal('self_signed_tls_client_auth')
    expect(mtlsMethodFor(peer, { selfSigned: [other.cert] })).to.equal(undefined)
    const jwk = peer.cert.publicKey.export({ format: 'jwk' }) as JWK
    expect(mtlsMethodFor(peer, { selfSignedJwks: [jwk] })).to.equal('self_signed_tls_client_auth')
    expect(mtlsMethodFor(peer, { selfSignedJwks: [new X509Certificate(other.cert).publicKey.export({ format: 'jwk' }) as JWK] })).to.equal(undefined)
    // A self-signed certificate never passes as tls_client_auth, whatever its subject.
    expect(mtlsMethodFor(peer, { subjectDn: 'CN=konform untrusted client' })).to.equal(undefined)
  })

  it('the token endpoint issues a token bound to the certificate (x5t#S256 of its DER) and refuses without one', async function () {
    const pki = await sharedPki()
    const ts = await TokenService.create({ clientId: 'c1', clientSecret: 's', ttlSeconds: 60, mtlsClient: { subjectDn: TEST_CLIENT_DN } })
    ts.configure('https://127.0.0.1:1', 'https://127.0.0.1:1/v2.0')
    const peer = { cert: new X509Certificate(pki.client.cert), authorized: true }
    const body = 'grant_type=client_credentials&client_id=c1'
    const ok = await ts.handle({ contentType: FORM, body, peer })
    expect(ok.status).to.equal(200)
    const token = String(ok.body.access_token)
    expect(decodeJwt(token).cnf).to.deep.equal({ 'x5t#S256': pemThumbprint(pki.client.cert) })
    expect(pemThumbprint(pki.client.cert)).to.match(/^[A-Za-z0-9_-]{43}$/)
    // The resource server's side of the binding.
    expect((await ts.verify(token, peer)).ok).to.equal(true)
    expect(await ts.verify(token, { cert: new X509Certificate(pki.otherClient.cert), authorized: true })).to.deep.include({ ok: false })
    expect(await ts.verify(token)).to.deep.include({ ok: false })
    // No certificate, or another client's: invalid_client; a secret-based client is not bound.
    for (const p of [undefined, { cert: new X509Certificate(pki.otherClient.cert), authorized: true }]) {
      const no = await ts.handle({ contentType: FORM, body, peer: p })
      expect([no.status, no.body.error]).to.deep.equal([401, 'invalid_client'])
    }
    const basic = await ts.handle({ contentType: FORM, body: 'grant_type=client_credentials', authorization: `Basic ${Buffer.from('c1:s').toString('base64')}`, peer })
    expect(basic.status).to.equal(200)
    expect(decodeJwt(String(basic.body.access_token)).cnf).to.equal(undefined)
  })

  it('the SPKI confusion of auth.token-cnf-spki-thumbprint differs from the certificate thumbprint', async function () {
    const cert = new X509Certificate((await sharedPki()).client.cert)
    expect(certThumbprint(cert, true)).to.not.equal(certThumbprint(cert))
  })

  it('the authorization server metadata offers the mTLS methods and bound tokens only over mutual TLS', function () {
    const plain = authorizationServerMetadata('http://127.0.0.1:1', new Set())
    const mtls = authorizationServerMetadata('https://127.0.0.1:1', new Set(), true)
    expect(plain.token_endpoint_auth_methods_supported).to.not.include('tls_client_auth')
    expect(plain).to.not.have.property('tls_client_certificate_bound_access_tokens')
    expect(mtls.token_endpoint_auth_methods_supported).to.include.members(['tls_client_auth', 'self_signed_tls_client_auth'])
    expect(mtls.tls_client_certificate_bound_access_tokens).to.equal(true)
  })
})
