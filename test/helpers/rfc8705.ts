// Test helpers for RFC 8705 at the reference server (auth3): one HTTPS request with a chosen client certificate,
// a server with mutual TLS (one test PKI per process), and the probes of the four auth3 faults.

import https from 'node:https'
import { TestIssuer } from '../../src/auth/issuer.js'
import { OTHER_TENANT_PATH } from '../../src/reference/jwt-rules.js'
import { pemThumbprint } from '../../src/reference/mtls-client-auth.js'
import { makeTestPki, type CertPair, type TestPki } from '../../src/reference/pki.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { call, type Json } from './http.js'

export interface TlsAnswer {
  status?: number
  error?: string
  json?: Json
}

/** One request on its own TLS connection; the answer, or the TLS/socket error that ended it. */
export function tlsCall(url: string, o: { ca: string; client?: Pick<CertPair, 'cert' | 'key'>; method?: string; body?: string; headers?: Record<string, string> }): Promise<TlsAnswer> {
  return new Promise((resolve) => {
    const req = https.request(url, { method: o.method ?? 'GET', headers: o.headers, agent: false, ca: o.ca, cert: o.client?.cert, key: o.client?.key, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: Json
        try {
          json = text ? JSON.parse(text) : undefined
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode, json })
      })
      res.on('error', (e) => resolve({ error: String((e as { code?: string }).code ?? e.message) }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => resolve({ error: String((e as { code?: string }).code ?? e.message) }))
    req.end(o.body)
  })
}

let pkiOnce: Promise<TestPki> | undefined
export const sharedPki = () => (pkiOnce ??= makeTestPki())

/** A server with the given faults listening with mutual TLS (the shared test PKI). */
export async function withMtlsServer<T>(faults: ReferenceServer['faults'], fn: (s: ReferenceServer, pki: TestPki) => Promise<T>, dataset?: ReferenceServer['dataset']): Promise<T> {
  const pki = await sharedPki()
  const s = await startReferenceServer({ faults, dataset, tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } })
  try {
    return await fn(s, pki)
  } finally {
    await s.close()
  }
}

/** A client-credentials request authenticated by tls_client_auth: client_id in the body, the certificate on the connection. */
export const mtlsTokenRequest = (s: ReferenceServer, pki: TestPki, client?: Pick<CertPair, 'cert' | 'key'>) =>
  tlsCall(s.tokenUrl, {
    ca: pki.ca,
    client,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${encodeURIComponent(s.clientId)}`,
  })

const claimsOf = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))

/** The probes: true when the rule holds on a server with these faults (each holds on the clean server). */
export const RFC8705_RULES = {
  // No certificate, or one from an untrusted issuer: no token (a TLS refusal or a 4xx).
  'auth.token-mtls-accepts-no-cert': (s: ReferenceServer) =>
    withMtlsServer(s.faults, async (t, pki) => {
      const none = await mtlsTokenRequest(t, pki)
      const rogue = await mtlsTokenRequest(t, pki, pki.rogueClient)
      return [none, rogue].every((a) => a.error !== undefined || (a.status !== undefined && a.status >= 400 && a.status < 500))
    }),
  'auth.token-cnf-spki-thumbprint': (s: ReferenceServer) =>
    withMtlsServer(s.faults, async (t, pki) => {
      const a = await mtlsTokenRequest(t, pki, pki.client)
      return a.status === 200 && claimsOf(a.json.access_token).cnf?.['x5t#S256'] === pemThumbprint(pki.client.cert)
    }),
  // A bound token on a connection with another trusted certificate: 401 (or any token passes: auth.accept-invalid-token).
  'auth.rs-ignores-certificate-binding': (s: ReferenceServer) =>
    withMtlsServer(s.faults, async (t, pki) => {
      const token = (await mtlsTokenRequest(t, pki, pki.client)).json?.access_token
      const get = (bearer: string) => tlsCall(`${t.baseUrl}/persons?limit=1`, { ca: pki.ca, client: pki.otherClient, headers: { authorization: `Bearer ${bearer}` } })
      return (await get(token)).status === 401 || (await get('garbage')).status === 200
    }),
  // A valid DNP token for another huvudman of the system: 403. Other rules' faults show as: the valid token refused
  // (trusted issuers ignored), or any location accepted (requested_access ignored, any token passes).
  'auth.rs-other-huvudman-401': async (s: ReferenceServer) => {
    const issuer = await TestIssuer.create()
    const iss = 'https://issuer.konform.invalid'
    const t = await startReferenceServer({ faults: s.faults, dataset: s.dataset, trustedIssuers: [{ issuer: iss, audience: 'nutid', jwks: issuer.jwks().keys, dnp: true }] })
    try {
      const trust = { issuer: iss, audience: 'nutid', dnpLocation: t.baseUrl }
      const get = async (bearer: string) => (await call(`${t.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${bearer}` } })).status
      const foreign = await issuer.mint(trust, 'valid', Date.now(), [{ type: 'ss12000-api', locations: [t.origin + OTHER_TENANT_PATH] }])
      return (
        (await get(foreign)) === 403 ||
        (await get(await issuer.mint(trust, 'valid'))) !== 200 ||
        (await get(await issuer.mint(trust, 'dnp-wrong-location'))) === 200
      )
    } finally {
      await t.close()
    }
  },
} as const
