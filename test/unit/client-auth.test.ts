// Client authentication at the reference token endpoint (basic, post, private_key_jwt) and konform's key loading.

import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { SignJWT } from 'jose'
import { clientAssertion, generateClientKey, loadClientKey, JWT_BEARER_ASSERTION } from '../../src/http/client-auth.js'
import { KonformError } from '../../src/errors.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { call } from '../helpers/http.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

describe('client authentication (RFC 6749 2.3, RFC 7523)', function () {
  describe('the reference token endpoint with private_key_jwt', function () {
    let server: ReferenceServer
    let key: Awaited<ReturnType<typeof generateClientKey>>
    before(async function () {
      key = await generateClientKey()
      server = await startReferenceServer({ clientJwks: [key.publicJwk] })
    })
    after(() => server.close())

    const post = (form: Record<string, string>) =>
      call(server.tokenUrl, { method: 'POST', headers: FORM, body: new URLSearchParams(form).toString() })
    const withAssertion = (assertion: string) =>
      post({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: assertion })

    it('issues a token for a valid assertion, and refuses the same assertion twice (jti)', async function () {
      const a = await clientAssertion(server.clientId, server.tokenUrl, key)
      const first = await withAssertion(a)
      expect(first.status, first.text).to.equal(200)
      expect(first.json.token_type).to.equal('Bearer')
      const again = await withAssertion(a)
      expect(again.status).to.equal(401)
      expect(again.json.error).to.equal('invalid_client')
    })
    it('refuses an assertion for another audience, by another client, or signed by an unregistered key', async function () {
      const other = await generateClientKey()
      for (const a of [
        await clientAssertion(server.clientId, 'https://elsewhere.example/token', key),
        await clientAssertion('someone-else', server.tokenUrl, key),
        await clientAssertion(server.clientId, server.tokenUrl, { ...other, kid: key.kid }),
      ]) {
        const r = await withAssertion(a)
        expect(r.status, r.text).to.equal(401)
        expect(r.json.error).to.equal('invalid_client')
      }
    })
    it('refuses an assertion without exp, and alg none', async function () {
      const noExp = await new SignJWT({}).setProtectedHeader({ alg: key.alg, kid: key.kid }).setIssuer(server.clientId).setSubject(server.clientId)
        .setAudience(server.tokenUrl).setJti(randomUUID()).sign(key.key)
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: server.clientId, sub: server.clientId, aud: server.tokenUrl, exp: 4102444800, jti: 'x' })).toString('base64url')}.`
      for (const a of [noExp, none]) expect((await withAssertion(a)).status).to.equal(401)
    })
    it('refuses two client authentication methods at once, and a wrong assertion type', async function () {
      const a = await clientAssertion(server.clientId, server.tokenUrl, key)
      const both = await post({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: server.clientSecret, client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: a })
      expect(both.status).to.equal(400)
      expect((await post({ grant_type: 'client_credentials', client_assertion_type: 'urn:x', client_assertion: a })).json.error).to.equal('invalid_request')
    })
    it('refuses private_key_jwt on a server with no registered client key', async function () {
      const plain = await startReferenceServer()
      try {
        const body = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION, client_assertion: await clientAssertion(plain.clientId, plain.tokenUrl, key) })
        const r = await call(plain.tokenUrl, { method: 'POST', headers: FORM, body: body.toString() })
        expect(r.status).to.equal(401)
      } finally {
        await plain.close()
      }
    })
  })

  describe('the auth checks with each method on the built-in server', function () {
    for (const clientAuth of ['client_secret_post', 'private_key_jwt'] as const) {
      it(`pass with ${clientAuth}, and no artefact holds the assertion or secret`, async function () {
        const run = await runBuiltIn({ suites: ['auth'], clientAuth })
        const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
        expect(bad).to.deep.equal([])
        const token = run.results.find((r) => r.checkId === 'AUTH-TOKEN-001')!
        const body = new URLSearchParams(token.evidence[0].request.body)
        if (clientAuth === 'private_key_jwt') expect(body.get('client_assertion')).to.match(/^«.+»$/)
        else expect(body.get('client_secret')).to.match(/^«.+»$/)
        expect(JSON.stringify(run)).to.not.match(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./)
      })
    }
  })

  describe('konform reads its key', function () {
    it('from PEM (PKCS#8) and from a private JWK; the kid is the thumbprint unless the JWK names one', async function () {
      const dir = await tmpdir()
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      await writeFile(path.join(dir, 'k.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }))
      await writeFile(path.join(dir, 'k.jwk'), JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'mine' }))
      const pem = await loadClientKey(path.join(dir, 'k.pem'))
      const jwk = await loadClientKey(path.join(dir, 'k.jwk'))
      expect(pem.alg).to.equal('ES256')
      expect(pem.kid).to.match(/^[A-Za-z0-9_-]{43}$/)
      expect(jwk.kid).to.equal('mine')
      expect(pem.publicJwk).to.not.have.property('d')
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      await writeFile(path.join(dir, 'r.pem'), rsa.export({ type: 'pkcs1', format: 'pem' }))
      expect((await loadClientKey(path.join(dir, 'r.pem'))).alg).to.equal('RS256')
    })
    it('refuses a file that is no private key with one line that does not echo the file', async function () {
      const dir = await tmpdir()
      const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string
      await writeFile(path.join(dir, 'pub.pem'), pub)
      await writeFile(path.join(dir, 'junk'), 'not a key SECRET-CONTENT')
      for (const f of ['pub.pem', 'junk', 'missing']) {
        const err = await loadClientKey(path.join(dir, f)).then(() => undefined, (e: unknown) => e)
        expect(err, f).to.be.instanceOf(KonformError)
        expect((err as Error).message).to.not.contain('SECRET-CONTENT')
        expect((err as Error).message).to.not.contain('BEGIN')
      }
    })
  })

  describe('konform run --client-auth', function () {
    this.timeout(90_000)
    it('runs the auth suite against a --target with private_key_jwt and --client-key, exit 0, key and assertion nowhere in the reports', async function () {
      const dir = await tmpdir()
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const keyFile = path.join(dir, 'client.pem')
      await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
      const key = await loadClientKey(keyFile)
      const server = await startReferenceServer({ clientJwks: [key.publicJwk] })
      try {
        const out = path.join(dir, 'out')
        const r = await konform(['run', '--suite', 'auth', '--target', server.baseUrl, '--token-url', server.tokenUrl, '--client-id', server.clientId,
          '--client-auth', 'private_key_jwt', '--client-key', keyFile, '--out', out, '--lang', 'en'])
        expect(r.code, r.stderr + r.stdout).to.equal(0)
        expect(r.stdout).to.match(/AUTH-TOKEN-002\s+must\s+PASS/)
        const d = (privateKey.export({ format: 'jwk' }) as { d: string }).d
        for (const f of ['results.json', 'junit.xml', 'report.html']) {
          const text = await readFile(path.join(out, f), 'utf8')
          expect(text, f).to.not.contain(d)
          expect(text, f).to.not.match(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./)
        }
      } finally {
        await server.close()
      }
    })
    it('refuses private_key_jwt without --client-key, and --client-key with basic, exit 2 in one line', async function () {
      for (const args of [['--client-auth', 'private_key_jwt'], ['--client-key', 'x.pem']]) {
        const r = await konform(['run', '--target', 'http://127.0.0.1:9/v2.0', '--token-url', 'http://127.0.0.1:9/token', '--client-id', 'c', ...args], { KONFORM_CLIENT_SECRET: 's3cret' })
        expect(r.code, r.stderr).to.equal(2)
        expect(r.stderr.trim().split('\n')).to.have.length(1)
      }
    })
  })
})
