import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { FAULT_IDS, type FaultId } from '../../src/reference/faults.js'
import { TestIssuer, type TokenVariant } from '../../src/auth/issuer.js'
import { probeTls, refused } from '../../src/http/tls-probe.js'
import { KONFORM_CLIENT_ENTITY } from '../../src/auth/fedtls-operator.js'
import { BenchFederation } from '../../src/auth/fedtls-bench.js'
import { startClientBench } from '../../src/auth/fedtls-client-bench.js'
import type { ClientScenario, FedtlsClientSession } from '../../src/auth/fedtls-client-harness.js'
import type { FederationControl } from '../../src/auth/fedtls-control.js'
import { issuerProblems } from '../../src/auth/x509-issuer.js'
import { decodeJson, parseGeneralJws, spkiPin, validateMetadataSchema, verifyMetadataSignature } from '../../src/auth/fedtls.js'
import { Redactor } from '../../src/http/redact.js'
import { makeTestPki, type TestPki } from '../../src/reference/pki.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { ENUM_FILTERS } from '../../src/reference/store.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import type { Organisation, Person } from '../../fixtures/generate.js'
import { call, type Answer, type Json } from '../helpers/http.js'
import { attendanceEventBody, receiver, send, validSubscription } from '../helpers/writes.js'
import { RFC8705_RULES } from '../helpers/rfc8705.js'

// --- helpers --------------------------------------------------------------------------------------------------


const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** A client for one server: token fetched once, GET/POST under the base URL. */
class Client {
  private token?: string
  constructor(readonly server: ReferenceServer) {}
  async bearer(): Promise<Record<string, string>> {
    this.token ??= await this.server.issueToken()
    return { authorization: `Bearer ${this.token}` }
  }
  async get(pathAndQuery: string, headers?: Record<string, string>): Promise<Answer> {
    return call(this.server.baseUrl + pathAndQuery, { headers: headers ?? (await this.bearer()) })
  }
  async post(pathAndQuery: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
    return call(this.server.baseUrl + pathAndQuery, {
      method: 'POST',
      headers: { ...(await this.bearer()), ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    })
  }
  /** Follows pageToken from the first query to the end (at most maxPages); the pages' ids. */
  async walk(first: string, limit?: number, maxPages = 40): Promise<{ pages: Json[][]; ended: boolean; last: Answer }> {
    const pages: Json[][] = []
    let q = first
    for (;;) {
      const a = await this.get(q)
      expect(a.status, a.text).to.equal(200)
      pages.push(a.json.data)
      const token = a.json.pageToken
      if (token === null) return { pages, ended: true, last: a }
      if (pages.length >= maxPages) return { pages, ended: false, last: a }
      q = `${first.split('?')[0]}?pageToken=${encodeURIComponent(token)}${limit ? `&limit=${limit}` : ''}`
    }
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * A record's natural key, served or from the dataset: a person's first e-mail address, an organisation's
 * organisationCode (unique in the generated data). No fault rewrites them, while identity.unstable-ids gives
 * records another id in every answer: probes that must hold under it match records by this key.
 */
const keyOf = (r: Json): string => r.emails?.[0]?.value ?? r.organisationCode

const enc = encodeURIComponent

/** The records of a list answer (one request, no limit), as natural keys. */
async function keys(c: Client, pathAndQuery: string): Promise<string[]> {
  const a = await c.get(pathAndQuery)
  expect(a.status, `${pathAndQuery}: ${a.text}`).to.equal(200)
  return a.json.data.map(keyOf)
}

/** The record whose meta[field] is the median of the records' (they are all distinct, see generate.test.ts). */
function median<T extends { meta: { created: string; modified: string } }>(records: readonly T[], field: 'created' | 'modified'): T {
  const sorted = [...records].sort((a, b) => Date.parse(a.meta[field]) - Date.parse(b.meta[field]))
  return sorted[sorted.length >> 1]
}

/** ObjectReferences in a record (below the top level, outside _embedded): {id: uuid, …}. */
function references(v: Json, depth = 0): Json[] {
  if (!v || typeof v !== 'object') return []
  if (Array.isArray(v)) return v.flatMap((x) => references(x, depth))
  const here = depth > 0 && typeof v.id === 'string' ? [v] : []
  return [...here, ...Object.entries(v).flatMap(([k, x]) => (k === '_embedded' ? [] : references(x, depth + 1)))]
}

// --- the clean server -----------------------------------------------------------------------------------------

describe('reference server', function () {
  let server: ReferenceServer
  let api: Client
  let spec: Spec
  let persons: Person[]
  let organisations: Organisation[]

  before(async function () {
    server = await startReferenceServer()
    api = new Client(server)
    spec = await loadSpec()
    persons = [...server.dataset.persons].sort(byId)
    organisations = [...server.dataset.organisations].sort(byId)
  })
  after(() => server.close())

  const valid = (pointer: string, value: unknown) => {
    const o = spec.validators.validate(`#/components/schemas/${pointer}`, value)
    expect(o.valid, o.errors.join('; ')).to.equal(true)
  }

  describe('start options', function () {
    it('listens on loopback and names its URLs', function () {
      expect(server.origin).to.match(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(server.baseUrl).to.equal(`${server.origin}/v2.0`)
      expect(server.tokenUrl).to.equal(`${server.origin}/token`)
      expect(server.clientId).to.equal('konform-client')
      expect(server.clientSecret).to.match(/^[0-9a-f]{64}$/)
      expect(server.faults).to.deep.equal([])
    })
    it('refuses an address that is not loopback, and unknown faults', async function () {
      for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.org']) {
        let failed = false
        await startReferenceServer({ host }).then(
          (s) => s.close(),
          () => (failed = true),
        )
        expect(failed, host).to.equal(true)
      }
      let failed = false
      await startReferenceServer({ faults: ['no.such-fault' as FaultId] }).then(
        (s) => s.close(),
        () => (failed = true),
      )
      expect(failed).to.equal(true)
    })
    it('serves a given dataset, client id and secret', async function () {
      const s = await startReferenceServer({ dataset: { organisations: organisations.slice(0, 2), persons: [] }, clientId: 'a b', clientSecret: 's:e/c' })
      try {
        const t = await call(s.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic('a b', 's:e/c') }, body: 'grant_type=client_credentials' })
        expect(t.status, t.text).to.equal(200)
        const a = await call(`${s.baseUrl}/organisations`, { headers: { authorization: `Bearer ${t.json.access_token}` } })
        expect(a.json.data).to.have.length(2)
      } finally {
        await s.close()
      }
    })
  })

  describe('token endpoint', function () {
    it('issues a Bearer token to client_secret_basic; the JWT verifies against the JWKS (iss, aud, sub, exp)', async function () {
      const a = await call(server.tokenUrl, {
        method: 'POST',
        headers: { ...FORM, authorization: basic(server.clientId, server.clientSecret) },
        body: 'grant_type=client_credentials',
      })
      expect(a.status, a.text).to.equal(200)
      expect(a.headers.get('content-type')).to.equal('application/json; charset=utf-8')
      expect(a.headers.get('cache-control')).to.equal('no-store')
      expect(a.json.token_type).to.equal('Bearer')
      expect(a.json.expires_in).to.equal(3600)
      const jwks = await call(`${server.origin}/.well-known/jwks.json`)
      expect(jwks.status).to.equal(200)
      expect(jwks.json.keys[0]).to.include({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
      const { payload, protectedHeader } = await jwtVerify(a.json.access_token, createLocalJWKSet(jwks.json), {
        issuer: server.origin,
        audience: server.baseUrl,
      })
      expect(protectedHeader.alg).to.equal('ES256')
      expect(payload.sub).to.equal(server.clientId)
      expect(payload.exp! - payload.iat!).to.equal(3600)
      expect(payload.jti).to.be.a('string')
      const list = await call(`${server.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${a.json.access_token}` } })
      expect(list.status).to.equal(200)
    })

    it('issues a token to client_secret_post (id and secret in the body)', async function () {
      const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: server.clientSecret })
      const a = await call(server.tokenUrl, { method: 'POST', headers: FORM, body: body.toString() })
      expect(a.status, a.text).to.equal(200)
      expect(a.json.access_token).to.be.a('string')
    })

    it('answers a wrong secret 401 invalid_client, a wrong grant 400 unsupported_grant_type (RFC 6749 5.2)', async function () {
      const wrong = await call(server.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic(server.clientId, 'nope') }, body: 'grant_type=client_credentials' })
      expect(wrong.status).to.equal(401)
      expect(wrong.json.error).to.equal('invalid_client')
      expect(wrong.headers.get('www-authenticate')).to.match(/^Basic/)
      const none = await call(server.tokenUrl, { method: 'POST', headers: FORM, body: 'grant_type=client_credentials' })
      expect([none.status, none.json.error]).to.deep.equal([401, 'invalid_client'])
      const grant = await call(server.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic(server.clientId, server.clientSecret) }, body: 'grant_type=password' })
      expect([grant.status, grant.json.error]).to.deep.equal([400, 'unsupported_grant_type'])
      const json = await call(server.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect([json.status, json.json.error]).to.deep.equal([400, 'invalid_request'])
      const get = await call(server.tokenUrl)
      expect(get.status).to.equal(405)
    })
  })

  describe('bearer tokens (RFC 6750)', function () {
    it('answers a request without a token 401 with WWW-Authenticate: Bearer and an Error body', async function () {
      const a = await api.get('/persons', {})
      expect(a.status).to.equal(401)
      expect(a.headers.get('www-authenticate')).to.equal('Bearer')
      valid('Error', a.json)
    })
    it('answers a forged, foreign or expired token 401 with error="invalid_token"', async function () {
      const other = await startReferenceServer()
      try {
        const foreign = await other.issueToken()
        for (const token of ['garbage', foreign, await server.mintToken('expired')]) {
          const a = await api.get('/organisations', { authorization: `Bearer ${token}` })
          expect(a.status, token).to.equal(401)
          expect(a.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"')
          valid('Error', a.json)
        }
      } finally {
        await other.close()
      }
    })

    it('refuses each token with one thing wrong (exp, nbf, iss, aud, unknown kid, alg none, HS256 keyed with the public key)', async function () {
      const ok = await api.get('/organisations?limit=1', { authorization: `Bearer ${await server.mintToken('valid')}` })
      expect(ok.status).to.equal(200)
      for (const v of ['expired', 'nbf-future', 'wrong-iss', 'wrong-aud', 'unknown-key', 'alg-none', 'hs256-public-key'] as const) {
        const a = await api.get('/organisations?limit=1', { authorization: `Bearer ${await server.mintToken(v)}` })
        expect(a.status, v).to.equal(401)
        expect(a.json.code, v).to.equal('invalid_token')
      }
    })

    it('accepts a trusted issuer\'s tokens, and under DNP rules only those for Skolverket with ss12000-api access to this API', async function () {
      await withTrusted(server, true, async (t, mint) => {
        const get = async (token: string) => (await call(`${t.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status
        expect(await get(await mint('valid'))).to.equal(200)
        for (const v of ['dnp-wrong-organization', 'dnp-wrong-access-type', 'dnp-wrong-location', 'wrong-aud', 'expired'] as const) expect(await get(await mint(v)), v).to.equal(401)
        // Its own tokens still pass beside the trusted issuer's.
        expect(await get(await t.issueToken())).to.equal(200)
      })
    })
  })

  describe('lists and paging', function () {
    it('returns every record without limit, pageToken null; the body validates (PersonsExpanded, Organisations)', async function () {
      const p = await api.get('/persons')
      expect(p.status).to.equal(200)
      expect(p.headers.get('content-type')).to.equal('application/json; charset=utf-8')
      expect(p.json.data).to.have.length(60)
      expect(p.json.pageToken).to.equal(null)
      valid('PersonsExpanded', p.json)
      const o = await api.get('/organisations?expandReferenceNames=true')
      expect(o.json.data).to.have.length(10)
      valid('Organisations', o.json)
    })

    it('walks persons with limit=7: every person exactly once, pages of at most 7, the last with pageToken null', async function () {
      const w = await api.walk('/persons?limit=7', 7)
      expect(w.ended).to.equal(true)
      expect(w.pages).to.have.length(Math.ceil(60 / 7))
      for (const page of w.pages) expect(page.length).to.be.within(1, 7)
      const ids = w.pages.flat().map((r) => r.id)
      expect(ids).to.deep.equal(persons.map((p) => p.id)) // default order: by id
    })

    it('carries filters and sortkey in the token: the order holds across pages', async function () {
      const w = await api.walk('/persons?sortkey=FamilyNameDesc&nameContains=a&limit=4', 4)
      const all = (await api.get('/persons?sortkey=FamilyNameDesc&nameContains=a')).json.data
      expect(w.pages.flat()).to.deep.equal(all)
      expect(all.length).to.be.within(5, 59)
      const names = all.map((p: Json) => p.familyName)
      const collator = new Intl.Collator('sv')
      for (let i = 1; i < names.length; i++) expect(collator.compare(names[i - 1], names[i])).to.be.at.least(0)
      const m = await api.walk('/organisations?sortkey=ModifiedDesc&limit=3', 3)
      const modified = m.pages.flat().map((o) => Date.parse(o.meta.modified))
      for (let i = 1; i < modified.length; i++) expect(modified[i - 1]).to.be.at.least(modified[i])
    })

    it('a follow-up without limit continues with the first query\'s limit; one with limit uses that', async function () {
      const first = await api.get('/persons?limit=5')
      const again = await api.get(`/persons?pageToken=${first.json.pageToken}`)
      expect(again.json.data).to.have.length(5)
      const wider = await api.get(`/persons?pageToken=${first.json.pageToken}&limit=20`)
      expect(wider.json.data.map((p: Json) => p.id)).to.deep.equal(persons.slice(5, 25).map((p) => p.id))
    })

    it('refuses pageToken with a filter: 400 400_invalid_filter; unknown parameters are ignored', async function () {
      const first = await api.get('/persons?limit=7')
      const token = encodeURIComponent(first.json.pageToken)
      for (const extra of ['meta.modified.after=1970-01-01T00:00:00Z', 'sortkey=ModifiedDesc', 'expandReferenceNames=true', 'nameContains=a']) {
        const a = await api.get(`/persons?pageToken=${token}&${extra}`)
        expect(a.status, extra).to.equal(400)
        expect(a.json.code).to.equal('400_invalid_filter')
        valid('Error', a.json)
      }
      expect((await api.get(`/persons?pageToken=${token}&foo=bar`)).status).to.equal(200)
    })

    it('refuses limit below 1 or not an integer, and a pageToken it did not give', async function () {
      for (const limit of ['0', '-1', '1.5', 'abc', '', '7&limit=8']) {
        const a = await api.get(`/persons?limit=${limit}`)
        expect(a.status, limit).to.equal(400)
        valid('Error', a.json)
      }
      const orgToken = (await api.get('/organisations?limit=1')).json.pageToken
      for (const token of ['abc', 'not base64!', orgToken, Buffer.from('{"v":1,"r":"persons","p":{"sortkey":["Nope"]},"o":1}').toString('base64url')]) {
        const a = await api.get(`/persons?pageToken=${encodeURIComponent(token)}`)
        expect(a.status, token).to.equal(400)
        valid('Error', a.json)
      }
    })
  })

  describe('filters', function () {
    it('organisations: type (repeatable, enum), schoolUnitCode, parent, sortkey', async function () {
      const units = await api.get('/organisations?type=Skolenhet')
      expect(units.json.data).to.have.length(4)
      const both = await api.get('/organisations?type=Skolenhet&type=Skola')
      expect(both.json.data).to.have.length(6)
      expect((await api.get('/organisations?type=Kommun')).status).to.equal(400)
      const code = units.json.data[0].schoolUnitCode
      expect((await api.get(`/organisations?schoolUnitCode=${code}`)).json.data.map((o: Json) => o.id)).to.deep.equal([units.json.data[0].id])
      const skola = organisations.find((o) => o.organisationType === 'Skola')!
      const children = (await api.get(`/organisations?parent=${skola.id}`)).json.data
      expect(children).to.have.length(2)
      for (const c of children) expect(c.parentOrganisation.id).to.equal(skola.id)
      expect((await api.get('/organisations?parent=not-a-uuid')).status).to.equal(400)
      expect((await api.get('/organisations?sortkey=NameAsc')).status).to.equal(400)
      const sorted = (await api.get('/organisations?sortkey=DisplayNameAsc')).json.data.map((o: Json) => o.displayName)
      expect(sorted).to.deep.equal([...sorted].sort(new Intl.Collator('sv').compare))
    })

    it('persons: nameContains is case-insensitive over given, middle and family name; every value must match', async function () {
      const p = persons.find((x) => /[ÅÄÖ]/.test(x.familyName)) ?? persons[0]
      const upper = (await api.get(`/persons?nameContains=${encodeURIComponent(p.familyName.toUpperCase())}`)).json.data
      expect(upper.map((x: Json) => x.id)).to.include(p.id)
      for (const x of upper) expect(x.familyName.toLowerCase()).to.contain(p.familyName.toLowerCase())
      const two = (await api.get(`/persons?nameContains=${encodeURIComponent(p.givenName.slice(0, 2).toLowerCase())}&nameContains=${encodeURIComponent(p.familyName.slice(-3))}`)).json.data
      expect(two.map((x: Json) => x.id)).to.include(p.id)
      const none = (await api.get(`/persons?nameContains=${encodeURIComponent(p.familyName)}&nameContains=zzzz`)).json.data
      expect(none).to.deep.equal([])
      const civic = (await api.get(`/persons?civicNo=${p.civicNo!.value}`)).json.data
      expect(civic.map((x: Json) => x.id)).to.deep.equal([p.id])
      expect((await api.get('/persons?sortkey=Random')).status).to.equal(400)
    })

    it('meta.*.after is exclusive, meta.*.before inclusive; a malformed date-time is 400', async function () {
      const p = persons[10]
      for (const field of ['created', 'modified'] as const) {
        const t = encodeURIComponent(p.meta[field])
        const after = (await api.get(`/persons?meta.${field}.after=${t}`)).json.data.map((x: Json) => x.id)
        const before = (await api.get(`/persons?meta.${field}.before=${t}`)).json.data.map((x: Json) => x.id)
        expect(after, `${field}.after`).to.not.include(p.id)
        expect(before, `${field}.before`).to.include(p.id)
        const at = Date.parse(p.meta[field])
        expect(after.length + before.length).to.equal(60)
        for (const x of persons) expect(after.includes(x.id)).to.equal(Date.parse(x.meta[field]) > at)
      }
      // the same instant in another offset selects the same records
      const inOslo = new Date(Date.parse(p.meta.created) + 3600_000).toISOString().replace(/\.000Z$/, '+01:00')
      const a = (await api.get(`/persons?meta.created.before=${encodeURIComponent(inOslo)}`)).json.data
      expect(a.map((x: Json) => x.id)).to.include(p.id)
      for (const bad of ['2025-01-01', '2025-01-01T00:00:00', '2025-13-01T00:00:00Z', '2025-02-30T00:00:00Z', 'yesterday']) {
        const r = await api.get(`/persons?meta.modified.after=${encodeURIComponent(bad)}`)
        expect(r.status, bad).to.equal(400)
        valid('Error', r.json)
      }
    })

    it('relationship.organisation and relationship.entity.type select pupils and guardians of a school unit', async function () {
      const unit = organisations.find((o) => o.organisationType === 'Skolenhet')!
      const pupils = persons.filter((p) => p.enrolments?.some((e) => e.enroledAt.id === unit.id)).map((p) => p.id)
      const got = (await api.get(`/persons?relationship.organisation=${unit.id}&relationship.entity.type=enrolment`)).json.data.map((x: Json) => x.id)
      expect(got).to.deep.equal(pupils)
      const guardians = (await api.get(`/persons?relationship.organisation=${unit.id}&relationship.entity.type=responsibleFor.enrolment`)).json.data
      expect(guardians.length).to.be.greaterThan(0)
      expect((await api.get('/persons?relationship.entity.type=friend')).status).to.equal(400)
    })
  })

  describe('expandReferenceNames and expand', function () {
    it('references carry only id without expandReferenceNames, and displayName with it', async function () {
      const plain = (await api.get('/persons')).json.data.concat((await api.get('/organisations')).json.data)
      const refs = references(plain)
      expect(refs.length).to.be.greaterThan(40)
      for (const r of refs) expect(Object.keys(r)).to.deep.equal(['id'])
      const falseErn = references((await api.get('/persons?expandReferenceNames=false')).json.data)
      for (const r of falseErn) expect(r).to.not.have.property('displayName')
      const named = references((await api.get('/persons?expandReferenceNames=true')).json.data)
      const names = new Map<string, string>([
        ...organisations.map((o) => [o.id, o.displayName] as [string, string]),
        ...persons.map((p) => [p.id, `${p.givenName} ${p.familyName}`] as [string, string]),
      ])
      for (const r of named) expect(r.displayName).to.equal(names.get(r.id))
      expect((await api.get('/persons?expandReferenceNames=yes')).status).to.equal(400)
    })

    it('expand=responsibleFor embeds the children of a guardian (validates as PersonExpanded)', async function () {
      const child = persons.find((p) => p.responsibles?.length)!
      const guardianId = child.responsibles![0].person!.id
      const a = await api.get(`/persons/${guardianId}?expand=responsibleFor&expandReferenceNames=true`)
      expect(a.status).to.equal(200)
      expect(a.json._embedded.responsibleFor.map((r: Json) => r.person.id)).to.include(child.id)
      valid('PersonExpanded', a.json)
      expect((await api.get(`/persons/${guardianId}?expand=pets`)).status).to.equal(400)
    })
  })

  describe('single records', function () {
    it('returns the same object as the list, with and without expandReferenceNames', async function () {
      for (const [r, q] of [['persons', ''], ['organisations', ''], ['persons', '?expandReferenceNames=true'], ['organisations', '?expandReferenceNames=true']]) {
        const list = (await api.get(`/${r}${q}`)).json.data
        for (const rec of list.slice(0, 12)) {
          const item = await api.get(`/${r}/${rec.id}${q}`)
          expect(item.status).to.equal(200)
          expect(item.json).to.deep.equal(rec)
        }
      }
      valid('PersonExpanded', (await api.get(`/persons/${persons[0].id}`)).json)
      valid('Organisation', (await api.get(`/organisations/${organisations[0].id}`)).json)
    })

    it('answers an id that is not a UUID 400 invalid_id, an unknown UUID 404', async function () {
      const bad = await api.get('/persons/not-a-uuid')
      expect(bad.status).to.equal(400)
      expect(bad.json.code).to.equal('invalid_id')
      valid('Error', bad.json)
      expect((await api.get(`/organisations/${randomUUID()}`)).status).to.equal(404)
      expect((await api.get(`/persons/${randomUUID()}`)).status).to.equal(404)
    })
  })

  describe('lookups', function () {
    it('returns a bare array of exactly the known records asked for', async function () {
      const ids = [persons[3].id, persons[40].id]
      const a = await api.post('/persons/lookup', { ids: [...ids, randomUUID()] })
      expect(a.status, a.text).to.equal(200)
      expect(a.json.map((p: Json) => p.id).sort()).to.deep.equal([...ids].sort())
      valid('PersonsExpandedArray', a.json)
      const civic = await api.post('/persons/lookup', { civicNos: [persons[7].civicNo!.value, '190001019999'] })
      expect(civic.json.map((p: Json) => p.id)).to.deep.equal([persons[7].id])
      const unit = organisations.find((o) => o.schoolUnitCode)!
      const o = await api.post('/organisations/lookup?expandReferenceNames=true', { schoolUnitCodes: [unit.schoolUnitCode] })
      expect(o.json.map((x: Json) => x.id)).to.deep.equal([unit.id])
      expect(o.json[0].parentOrganisation.displayName).to.be.a('string')
      valid('OrganisationsArray', o.json)
      expect((await api.post('/organisations/lookup', {})).json).to.deep.equal([])
    })

    it('refuses a body that is not a lookup object: 400; over 1 MiB: 413; not JSON media type: 415', async function () {
      for (const body of ['[]', 'null', '{"ids": "x"}', '{"ids": ["not-a-uuid"]}', '{"ids": [1]}', '{nope', '']) {
        const a = await api.post('/persons/lookup', body)
        expect(a.status, body).to.equal(400)
        valid('Error', a.json)
      }
      const big = await api.post('/persons/lookup', JSON.stringify({ ids: [], pad: 'x'.repeat(2 * 1024 * 1024) }))
      expect(big.status).to.equal(413)
      valid('Error', big.json)
      const text = await api.post('/persons/lookup', '{}', { 'content-type': 'text/plain' })
      expect(text.status).to.equal(415)
    })
  })

  describe('robustness', function () {
    it('answers unknown paths 404 and wrong methods 405, with Error bodies', async function () {
      const a = await api.get('/no-such-resource')
      expect(a.status).to.equal(404)
      expect(a.json.code).to.equal('not_found')
      const lookupGet = await api.get('/persons/lookup')
      expect(lookupGet.status).to.equal(405)
      expect(lookupGet.headers.get('allow')).to.equal('POST')
      const del = await call(`${server.baseUrl}/persons/${persons[0].id}`, { method: 'DELETE', headers: await api.bearer() })
      expect(del.status).to.equal(405)
      valid('Error', del.json)
    })

    it('answers malformed percent-encoding 400 instead of failing', async function () {
      for (const q of ['/persons?nameContains=%E0%A4%A', '/persons?x=%zz', '/persons/%E0%A4%A']) {
        const a = await api.get(q)
        expect(a.status, q).to.equal(400)
        valid('Error', a.json)
      }
    })

    it('keeps serving after bad input', async function () {
      await api.post('/persons/lookup', '{"ids": [')
      expect((await api.get('/persons?limit=1')).status).to.equal(200)
    })
  })
})

// --- faults ---------------------------------------------------------------------------------------------------

/** The token is refused with 401 (or any token passes: auth.accept-invalid-token, another rule). */
async function refusedAs(c: Client, token: string, server: ReferenceServer = c.server): Promise<boolean> {
  const get = (t: string) => call(`${server.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${t}` } })
  return (await get(token)).status === 401 || (await get('garbage')).status === 200
}

/** A second server with the same faults and data that trusts a konform test issuer (DNP-shaped or not). */
async function withTrusted<T>(s: ReferenceServer, dnp: boolean, fn: (t: ReferenceServer, mint: (v: TokenVariant) => Promise<string>) => Promise<T>): Promise<T> {
  const issuer = await TestIssuer.create()
  const iss = 'https://issuer.konform.invalid'
  const t = await startReferenceServer({ faults: s.faults, dataset: s.dataset, trustedIssuers: [{ issuer: iss, jwks: issuer.jwks().keys, dnp }] })
  try {
    return await fn(t, (v) => issuer.mint({ issuer: iss, audience: t.baseUrl, dnpLocation: dnp ? t.baseUrl : undefined }, v))
  } finally {
    await t.close()
  }
}

/** The reference server's federation metadata, parsed (jws undefined when it is not General JWS JSON). */
async function federation(s: ReferenceServer) {
  const a = await call(`${s.origin}/fedtls/metadata.jws`)
  expect(a.status).to.equal(200)
  return parseGeneralJws(a.text)
}

let pkiOnce: Promise<TestPki> | undefined

/** A second server with the same faults and data, listening with mutual TLS (one test PKI for the whole file). */
async function withMtls<T>(s: ReferenceServer, fn: (url: string, pki: TestPki & { headers: Record<string, string> }) => Promise<T>): Promise<T> {
  const pki = await (pkiOnce ??= makeTestPki())
  const t = await startReferenceServer({ faults: s.faults, dataset: s.dataset, tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } })
  try {
    // With a valid token: the refusal under test is the TLS layer's.
    return await fn(`${t.baseUrl}/persons?limit=1`, { ...pki, headers: { authorization: `Bearer ${await t.issueToken()}` } })
  } finally {
    await t.close()
  }
}

/** A second server with the same faults and data that consumes a test federation konform operates (profile fedtls). */
async function withFedtls<T>(s: ReferenceServer, fn: (t: ReferenceServer, pki: TestPki & { headers: Record<string, string> }, control: FederationControl) => Promise<T>): Promise<T> {
  const pki = await (pkiOnce ??= makeTestPki())
  const { bench, serverTls } = await BenchFederation.start(pki)
  const t = await startReferenceServer({ faults: s.faults, dataset: s.dataset, tls: serverTls, federation: bench.source }).catch(async (err: unknown) => {
    await bench.close()
    throw err
  })
  try {
    await bench.pinServer(t)
    return await fn(t, { ...pki, headers: { authorization: `Bearer ${await t.issueToken()}` } }, bench.control(t))
  } finally {
    await t.close()
    await bench.close()
  }
}

// --- fedcli: konform's side and its reference FedTLS client, with the server's faults (profile fedtls-client) ---
async function withClientBench<T>(s: ReferenceServer, fn: (session: FedtlsClientSession) => Promise<T>): Promise<T> {
  const bench = await startClientBench(s.faults, await (pkiOnce ??= makeTestPki()))
  try {
    return await fn(bench.session)
  } finally {
    await bench.close()
  }
}
const clientSaw = (s: ReferenceServer, scenario: ClientScenario) => withClientBench(s, (session) => session.observe(scenario))
// --- end fedcli ---

const tlsGet = (url: string, o: { ca: string; headers: Record<string, string>; cert?: string; key?: string; maxVersion?: 'TLSv1.1' }) =>
  probeTls({ url, timeoutMs: 5000, ...o }, 't1', new Redactor())

/**
 * The rule each fault breaks, as a probe that is true when the rule holds. Every probe holds on the clean
 * server; under a fault exactly its own probe fails, so each fault breaks its rule and no other probed one.
 */
const RULES: Record<FaultId, (c: Client, s: ReferenceServer) => Promise<boolean>> = {
  'auth.accept-missing-token': async (c) => (await c.get('/persons?limit=1', {})).status === 401,
  'auth.accept-invalid-token': async (c) => (await c.get('/persons?limit=1', { authorization: 'Bearer garbage' })).status === 401,
  'auth.token-without-type': async (_c, s) => {
    const a = await call(s.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic(s.clientId, s.clientSecret) }, body: 'grant_type=client_credentials' })
    return a.status === 200 && a.json.token_type === 'Bearer'
  },
  'auth.scheme-case-sensitive': async (_c, s) => {
    const a = await call(`${s.baseUrl}/persons?limit=1`, { headers: { authorization: `bearer ${await s.issueToken()}` } })
    return a.status === 200
  },
  'auth.401-without-challenge': async (c) => {
    // Only a 401 must carry the challenge (under auth.accept-missing-token the answer is 200).
    const a = await c.get('/persons?limit=1', {})
    return a.status !== 401 || /^Bearer/i.test(a.headers.get('www-authenticate') ?? '')
  },
  'auth.token-accepts-wrong-secret': async (_c, s) => {
    const a = await call(s.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic(s.clientId, 'not-the-secret') }, body: 'grant_type=client_credentials' })
    return a.status === 401 && a.json.error === 'invalid_client'
  },
  'auth.token-accepts-any-grant': async (_c, s) => {
    const a = await call(s.tokenUrl, { method: 'POST', headers: { ...FORM, authorization: basic(s.clientId, s.clientSecret) }, body: 'grant_type=password' })
    return a.status === 400 && a.json.error === 'unsupported_grant_type'
  },
  'ops.lookups-missing': async (c, s) => (await c.post('/organisations/lookup', JSON.stringify({ ids: [s.dataset.organisations[0].id] }))).status === 200,
  'paging.ignore-limit': async (c) => (await c.get('/persons?limit=7')).json.data.length <= 7,
  'paging.repeat-last-item': async (c) => {
    const ids = (await c.walk('/persons?limit=7', 7)).pages.flat().map((p) => p.id)
    return new Set(ids).size === ids.length
  },
  'paging.skip-first-item': async (c, s) => {
    const ids = new Set((await c.walk('/persons?limit=7', 7)).pages.flat().map((p) => p.id))
    return ids.size === s.dataset.persons.length
  },
  'paging.never-ends': async (c) => (await c.walk('/persons?limit=7', 7)).ended,
  'paging.token-with-filters-accepted': async (c) => {
    const token = (await c.get('/persons?limit=7')).json.pageToken
    return (await c.get(`/persons?pageToken=${token}&meta.modified.after=1970-01-01T00:00:00Z`)).status === 400
  },
  'paging.limit-zero-accepted': async (c) => (await c.get('/persons?limit=0')).status === 400,
  'item.malformed-id-404': async (c) => (await c.get('/persons/not-a-uuid')).status === 400,
  // item.unknown-id-200 and item.unknown-id-500 break the same rule (an unknown UUID is 404) in two ways, on the
  // same request: each probe asks for 404 but lets the other one's way pass, so each fault trips only its own.
  'item.unknown-id-200': async (c) => [404, 500].includes((await c.get(`/persons/${randomUUID()}`)).status),
  'item.unknown-id-500': async (c) => [404, 200].includes((await c.get(`/persons/${randomUUID()}`)).status),
  'item.differs-from-list': async (c, s) => {
    for (const r of ['persons', 'organisations'] as const) {
      const [rec] = (await c.get(`/${r}?limit=1`)).json.data
      // By the record's own (dataset) id and compared but for the id: identity.unstable-ids changes served ids.
      const id = (s.dataset[r] as Json[]).find((x) => keyOf(x) === keyOf(rec)).id
      const item = await c.get(`/${r}/${id}`)
      if (JSON.stringify({ ...item.json, id: null }) !== JSON.stringify({ ...rec, id: null })) return false
    }
    return true
  },
  'schema.missing-meta': async (c) => {
    const records = [...(await c.get('/persons')).json.data, ...(await c.get('/organisations')).json.data]
    return records.every((r: Json) => typeof r.meta?.created === 'string' && typeof r.meta?.modified === 'string')
  },
  'schema.bad-enum': async (c) => {
    const types = ['Huvudman', 'Verksamhetsområde', 'Förvaltning', 'Rektorsområde', 'Skola', 'Skolenhet', 'Varumärke', 'Bolag', 'Övrigt']
    return (await c.get('/organisations')).json.data.every((o: Json) => types.includes(o.organisationType))
  },
  'lookup.ignore-ids': async (c, s) => {
    const p = s.dataset.persons[0]
    const a = await c.post('/persons/lookup', { ids: [p.id, randomUUID()] })
    // A missing lookup route (ops.lookups-missing) is another rule's business: this one is about what a lookup returns.
    return a.status === 404 || (a.status === 200 && a.json.length === 1 && keyOf(a.json[0]) === keyOf(p))
  },
  'ern.always-display-name': async (c) => references((await c.get('/persons')).json.data).every((r) => !('displayName' in r)),
  'error.no-body': async (c) => {
    // A malformed date-time: 400 under every other fault (an unknown sortkey is not, under sort.unknown-key-ignored).
    const a = await c.get('/persons?meta.modified.after=yesterday')
    return a.status === 400 && typeof a.json?.code === 'string' && typeof a.json?.message === 'string'
  },
  // The meta bounds: .after exclusive, .before inclusive. A probe of one boundary lets a list through that the
  // filter did not narrow at all: that is filter.meta-ignored's rule, probed with bounds that fall between records.
  'filter.modified-after-inclusive': async (c, s) => {
    const x = median(s.dataset.persons, 'modified')
    const got = await keys(c, `/persons?meta.modified.after=${enc(x.meta.modified)}`)
    return got.length === s.dataset.persons.length || !got.includes(keyOf(x))
  },
  'filter.created-before-exclusive': async (c, s) => {
    const x = median(s.dataset.persons, 'created')
    return (await keys(c, `/persons?meta.created.before=${enc(x.meta.created)}`)).includes(keyOf(x))
  },
  'filter.meta-ignored': async (c, s) => {
    for (const field of ['created', 'modified'] as const) {
      // Half a second past the median record: records are stamped to the second, so no record sits on the bound.
      const t = Date.parse(median(s.dataset.persons, field).meta[field]) + 500
      for (const side of ['after', 'before'] as const) {
        const inside = (p: Person) => (side === 'after' ? Date.parse(p.meta[field]) > t : Date.parse(p.meta[field]) < t)
        const want = s.dataset.persons.filter(inside).map(keyOf).sort()
        const got = (await keys(c, `/persons?meta.${field}.${side}=${new Date(t).toISOString()}`)).sort()
        if (JSON.stringify(got) !== JSON.stringify(want)) return false
      }
    }
    return true
  },
  'filter.name-case-sensitive': async (c, s) => {
    const p = s.dataset.persons[0]
    return (await keys(c, `/persons?nameContains=${enc(p.familyName.toUpperCase())}`)).includes(keyOf(p))
  },
  'filter.name-any-value': async (c, s) => {
    const p = s.dataset.persons[0]
    const both = await keys(c, `/persons?nameContains=${enc(p.familyName)}&nameContains=${enc(p.givenName)}`)
    const one = await keys(c, `/persons?nameContains=${enc(p.familyName)}&nameContains=zzzz`)
    return both.includes(keyOf(p)) && one.length === 0
  },
  'filter.unknown-enum-ignored': async (c) => {
    for (const q of ['/organisations?type=Kommun', '/organisations?type=Skola&type=Kommun', '/organisations?schoolTypes=XX', '/persons?relationship.entity.type=friend']) {
      if ((await c.get(q)).status !== 400) return false
    }
    return true
  },
  'sort.unknown-key-ignored': async (c) =>
    (await c.get('/persons?sortkey=Bogus')).status === 400 && (await c.get('/organisations?sortkey=GivenNameAsc')).status === 400,
  'sort.broken-on-page-2': async (c, s) => {
    // meta.modified from the dataset, by natural key: schema.missing-meta drops meta, identity.unstable-ids the ids.
    const modified = new Map([...s.dataset.organisations, ...s.dataset.persons].map((r) => [keyOf(r), Date.parse(r.meta.modified)]))
    for (const [r, limit] of [['organisations', 3], ['persons', 15]] as const) {
      const times = (await c.walk(`/${r}?sortkey=ModifiedDesc&limit=${limit}`, limit)).pages.flat().map((x) => modified.get(keyOf(x))!)
      for (let i = 1; i < times.length; i++) if (times[i - 1] < times[i]) return false
    }
    return true
  },
  'ern.ignored': async (c) => {
    const refs = references((await c.get('/persons?expandReferenceNames=true')).json.data)
    return refs.length > 0 && refs.every((r) => typeof r.displayName === 'string')
  },
  'lookup.civicnos-ignored': async (c, s) => {
    const p = s.dataset.persons[7]
    const a = await c.post('/persons/lookup', { civicNos: [p.civicNo!.value] })
    return a.status === 404 || (a.status === 200 && a.json.some((x: Json) => keyOf(x) === keyOf(p))) // some: lookup.ignore-ids returns them all; 404: ops.lookups-missing
  },
  'identity.unstable-ids': async (c) => {
    const ids = async () => (await c.get('/persons?limit=5')).json.data.map((p: Json) => p.id) as string[]
    const first = await ids()
    if (JSON.stringify(await ids()) !== JSON.stringify(first)) return false
    const item = await c.get(`/persons/${first[0]}`)
    const found = await c.post('/persons/lookup', { ids: [first[1]] })
    return item.status === 200 && item.json.id === first[0] && (found.status === 404 || found.json.some((p: Json) => p.id === first[1]))
  },
  'data.malformed-civicno': async (c) => {
    const persons = (await c.get('/persons')).json.data
    return persons.length > 0 && persons.every((p: Json) => /^\d{8}[\dA-Z]{2}\d{2}$/.test(p.civicNo?.value))
  },
  // --- write mode (src/reference/writes.ts): probes that create data clean up after themselves where they can ---
  'write.subscription-without-expires': async (_c, s) => {
    const a = await send(s, 'POST', '/subscriptions', validSubscription('http://127.0.0.1:9/'))
    await send(s, 'DELETE', `/subscriptions/${a.json?.id}`)
    return a.status === 201 && typeof a.json.id === 'string' && typeof a.json.expires === 'string'
  },
  'write.subscription-not-listed': async (_c, s) => {
    const { id } = (await send(s, 'POST', '/subscriptions', validSubscription('http://127.0.0.1:9/'))).json
    const listed = (await send(s, 'GET', '/subscriptions')).json.data.some((x: Json) => x.id === id)
    await send(s, 'DELETE', `/subscriptions/${id}`)
    return listed
  },
  'write.renew-keeps-expires': async (_c, s) => {
    const { id } = (await send(s, 'POST', '/subscriptions', validSubscription('http://127.0.0.1:9/'))).json
    const before = Date.parse((await send(s, 'GET', `/subscriptions/${id}`)).json.expires)
    const after = Date.parse((await send(s, 'PATCH', `/subscriptions/${id}`)).json.expires)
    await send(s, 'DELETE', `/subscriptions/${id}`)
    return after > before
  },
  'write.delete-answers-200': async (_c, s) => {
    const { id } = (await send(s, 'POST', '/subscriptions', validSubscription('http://127.0.0.1:9/'))).json
    return (await send(s, 'DELETE', `/subscriptions/${id}`)).status === 204
  },
  'write.deleted-still-served': async (_c, s) => {
    const { id } = (await send(s, 'POST', '/subscriptions', validSubscription('http://127.0.0.1:9/'))).json
    await send(s, 'DELETE', `/subscriptions/${id}`)
    return (await send(s, 'GET', `/subscriptions/${id}`)).status === 404
  },
  'write.webhook-never-sent': async (_c, s) => {
    const r = await receiver()
    try {
      const { id } = (await send(s, 'POST', '/subscriptions', validSubscription(r.url))).json
      const created = await send(s, 'POST', '/attendanceEvents', attendanceEventBody(s))
      await s.settled()
      await send(s, 'DELETE', `/subscriptions/${id}`)
      await send(s, 'DELETE', `/attendanceEvents/${created.json.id}`)
      return r.notices.some((n) => n.modifiedEntites?.includes('AttendanceEvent') && n.deletedEntities === false)
    } finally {
      await s.settled()
      await r.close()
    }
  },
  'write.log-accepts-invalid': async (_c, s) =>
    (await send(s, 'POST', '/log/', { message: 'probe', severityLevel: 'Info' })).status === 201 &&
    (await send(s, 'POST', '/log/', { message: 'probe', severityLevel: 'Loud' })).status === 400,
  'write.statistics-accepts-invalid': async (_c, s) =>
    (await send(s, 'POST', '/statistics/', { resourceType: 'Person', newCount: 0, updatedCount: 1, deletedCount: 0 })).status === 201 &&
    (await send(s, 'POST', '/statistics/', { resourceType: 'Person', newCount: 0 })).status === 400,
  'write.create-accepts-invalid': async (_c, s) => (await send(s, 'POST', '/absences', { type: 'Semester' })).status === 400,
  'write.deletion-not-recorded': async (_c, s) => {
    const { id } = (await send(s, 'POST', '/attendanceEvents', attendanceEventBody(s))).json
    if ((await send(s, 'DELETE', `/attendanceEvents/${id}`)).status !== 204) return false
    return (await send(s, 'GET', '/deletedEntities?entities=AttendanceEvent')).json.data.attendanceEvents.includes(id)
  },
  // --- end write mode ---
  // --- auth: JWT rules at the resource server (issue #6) ---
  // Each token has exactly one thing wrong; auth.accept-invalid-token (any token passes) is that rule's own
  // business, so these probes hold when it is on: they are about the one claim.
  'auth.rs-accepts-expired-token': async (c, s) => refusedAs(c, await s.mintToken('expired')),
  'auth.rs-accepts-future-nbf': async (c, s) => refusedAs(c, await s.mintToken('nbf-future')),
  'auth.rs-accepts-wrong-issuer': async (c, s) => refusedAs(c, await s.mintToken('wrong-iss')),
  'auth.rs-accepts-wrong-audience': async (c, s) => refusedAs(c, await s.mintToken('wrong-aud')),
  'auth.rs-accepts-unknown-key': async (c, s) => refusedAs(c, await s.mintToken('unknown-key')),
  'auth.rs-accepts-alg-none': async (c, s) => refusedAs(c, await s.mintToken('alg-none')),
  'auth.rs-accepts-hs256-public-key': async (c, s) => refusedAs(c, await s.mintToken('hs256-public-key')),
  'auth.rs-ignores-dnp-organization': async (c, s) => withTrusted(s, true, async (t, mint) => refusedAs(c, await mint('dnp-wrong-organization'), t)),
  'auth.rs-ignores-dnp-requested-access': async (c, s) =>
    withTrusted(s, true, async (t, mint) => (await refusedAs(c, await mint('dnp-wrong-access-type'), t)) && refusedAs(c, await mint('dnp-wrong-location'), t)),
  'auth.rs-ignores-trusted-issuers': async (_c, s) =>
    withTrusted(s, false, async (t, mint) => (await call(`${t.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${await mint('valid')}` } })).status === 200),
  // --- end auth: JWT rules ---
  // --- auth: mutual TLS (issue #6) ---
  'tls.accepts-no-client-cert': async (_c, s) => withMtls(s, async (url, pki) => refused(await tlsGet(url, { ca: pki.ca, headers: pki.headers }))),
  'tls.accepts-unknown-issuer': async (_c, s) => withMtls(s, async (url, pki) => refused(await tlsGet(url, { ca: pki.ca, headers: pki.headers, cert: pki.rogueClient.cert, key: pki.rogueClient.key }))),
  'tls.accepts-tls-1.1': async (_c, s) =>
    withMtls(s, async (url, pki) => refused(await tlsGet(url, { ca: pki.ca, headers: pki.headers, cert: pki.client.cert, key: pki.client.key, maxVersion: 'TLSv1.1' }))),
  // --- end auth: mutual TLS ---
  // --- auth: FedTLS/MATF metadata (issue #6) --- (a document that is not General JWS JSON is md-compact-jws's rule)
  'fedtls.md-compact-jws': async (_c, s) => (await federation(s)).jws !== undefined,
  'fedtls.md-no-kid': async (_c, s) => {
    const f = await federation(s)
    return !f.jws || decodeJson(f.jws.signatures[0].protected)?.kid === s.federationJwks.keys[0].kid
  },
  'fedtls.md-tampered-payload': async (_c, s) => {
    const f = await federation(s)
    return !f.jws || (await verifyMetadataSignature(f.jws, s.federationJwks.keys)) === undefined
  },
  'fedtls.md-expired': async (_c, s) => {
    const f = await federation(s)
    return !f.jws || Number(decodeJson(f.jws.payload)?.exp) > Date.now() / 1000
  },
  'fedtls.md-schema-invalid': async (_c, s) => {
    const f = await federation(s)
    // Pins in the legacy form break the schema too: that is fedtls.md-legacy-pins's rule.
    return !f.jws || validateMetadataSchema(decodeJson(f.jws.payload)).filter((e) => !/\/pins\/\d+/.test(e)).length === 0
  },
  'fedtls.md-duplicate-entity': async (_c, s) => {
    const f = await federation(s)
    const ids = f.jws ? ((decodeJson(f.jws.payload)?.entities ?? []) as Json[]).map((e) => e.entity_id) : []
    return new Set(ids).size === ids.length
  },
  // --- end auth: FedTLS/MATF metadata ---
  // --- auth: token endpoint and resource-server rules, second part (issue #6, wip-auth2) ---
  // A token in the URL query is no credential; auth.accept-missing-token's way (no credential at all served) passes.
  'auth.rs-accepts-query-token': async (_c, s) => {
    const q = await call(`${s.baseUrl}/persons?limit=1&access_token=${encodeURIComponent(await s.issueToken())}`, { headers: {} })
    return q.status === 401 || (await call(`${s.baseUrl}/persons?limit=1`, { headers: {} })).status === 200
  },
  'auth.as-metadata-wrong-issuer': async (_c, s) => (await call(`${s.origin}/.well-known/oauth-authorization-server`)).json?.issuer === s.origin,
  'auth.jwks-missing-token-kid': async (_c, s) => {
    const kid = decodeProtectedHeader(await s.issueToken()).kid
    return (await call(`${s.origin}/.well-known/jwks.json`)).json.keys.some((k: Json) => k.kid === kid)
  },
  'fedtls.md-moa-no-organization-id': async (_c, s) => {
    const f = await federation(s)
    const entities = f.jws ? ((decodeJson(f.jws.payload)?.entities ?? []) as Json[]) : []
    return entities.every((e) => /^[A-Z]{2}\d{10}$/.test(String(e.organization_id)))
  },
  // --- end auth: second part ---
  // --- fedtls: issuer certificates, cache TTL, legacy pins, metadata consumption (issue #6, wip-fedtls) ---
  'fedtls.md-weak-issuer': async (_c, s) => {
    const f = await federation(s)
    const issuers = f.jws ? ((decodeJson(f.jws.payload)?.entities ?? []) as Json[]).flatMap((e) => e.issuers ?? []) : []
    return !f.jws || (issuers.length > 0 && issuers.every((i: Json) => issuerProblems(i.x509certificate).problems.length === 0))
  },
  'fedtls.md-ttl-beyond-expiry': async (_c, s) => {
    const f = await federation(s)
    const p = f.jws ? decodeJson(f.jws.payload) ?? {} : {}
    return !f.jws || Number(p.cache_ttl) <= Number(p.exp) - Number(p.iat)
  },
  'fedtls.md-legacy-pins': async (_c, s) => {
    const f = await federation(s)
    const entities = f.jws ? ((decodeJson(f.jws.payload)?.entities ?? []) as Json[]) : []
    return entities.flatMap((e) => [...(e.clients ?? []), ...(e.servers ?? [])]).flatMap((ep: Json) => ep.pins).every((p: Json) => 'digest' in p && !('value' in p))
  },
  // The FedTLS server side: a server that consumes a test federation (fedtls-consumer.ts). Each probe lets the other
  // faults' ways pass: an unpinned client served without the header is accepts-unpinned-client's rule, not the header's.
  'fedtls.server-cert-unpinned': async (_c, s) =>
    withFedtls(s, async (t, pki) => (await tlsGet(t.baseUrl, { ca: pki.ca, headers: {}, cert: pki.client.cert, key: pki.client.key })).peerPin === spkiPin(pki.server.cert)),
  'fedtls.accepts-unpinned-client': async (_c, s) =>
    withFedtls(s, async (t, pki) => {
      const u = { ca: pki.ca, cert: pki.unpinnedClient.cert, key: pki.unpinnedClient.key }
      return refused(await tlsGet(`${t.baseUrl}/persons?limit=1`, { ...u, headers: pki.headers }))
    }),
  'fedtls.trusts-entity-header': async (_c, s) =>
    withFedtls(s, async (t, pki) => {
      const u = { ca: pki.ca, cert: pki.unpinnedClient.cert, key: pki.unpinnedClient.key }
      const url = `${t.baseUrl}/persons?limit=1`
      const claimed = await tlsGet(url, { ...u, headers: { ...pki.headers, 'x-fedtlsauth-entity-id': KONFORM_CLIENT_ENTITY } })
      return refused(claimed) || !refused(await tlsGet(url, { ...u, headers: pki.headers }))
    }),
  // Changes of the consumed federation, made at once (the server is told to load them; its clock moved past exp).
  'fedtls.keeps-removed-pin': async (_c, s) =>
    withFedtls(s, async (t, pki, control) => {
      await control.apply('drop-client-pin')
      const get = (who: { cert: string; key: string }) => tlsGet(`${t.baseUrl}/persons?limit=1`, { ca: pki.ca, headers: pki.headers, ...who })
      // A server that serves unpinned certificates anyway breaks fedtls.accepts-unpinned-client's rule, not this one.
      return refused(await get(pki.client)) || !refused(await get(pki.unpinnedClient))
    }),
  'fedtls.takes-unverified-metadata': async (_c, s) =>
    withFedtls(s, async (_t, _pki, control) => /not taken \(the signature does not verify/.test((await control.apply('tampered-add-unpinned')).en)),
  'fedtls.trusts-expired-metadata': async (_c, s) =>
    withFedtls(s, async (t, pki) => {
      t.federationClock(8 * 86400)
      return refused(await tlsGet(`${t.baseUrl}/persons?limit=1`, { ca: pki.ca, headers: pki.headers, cert: pki.client.cert, key: pki.client.key }))
    }),
  // --- end fedtls ---
  // --- fedcli: the reference FedTLS client (profile fedtls-client) ---
  'fedtls-client.presents-unpinned-cert': async (_c, s) =>
    withClientBench(s, async (session) => {
      const seen = await session.observe('as-published')
      return seen.connections.length > 0 && seen.connections.every((c) => c.clientPin === session.clientPin)
    }),
  'fedtls-client.ignores-server-pin': async (_c, s) => (await clientSaw(s, 'unpinned-server')).connections.every((c) => !c.requests.length),
  'fedtls-client.skips-metadata-signature': async (_c, s) => (await clientSaw(s, 'tampered-metadata')).connections.every((c) => c.listener === 'pinned'),
  'fedtls-client.trusts-expired-metadata': async (_c, s) => (await clientSaw(s, 'expired-metadata')).connections.every((c) => c.listener === 'pinned'),
  // --- end fedcli ---
  // --- reference server: every read operation (issue #3) ---
  'filter.open-ended-dropped': async (c, s) => {
    // Placements without an endDate are always in an endDate window.
    const expected = (s.dataset.placements ?? []).filter((p) => p.endDate === undefined || p.endDate >= '2025-08-01')
    const served = (await c.get('/placements?endDate.onOrAfter=2025-08-01')).json.data
    return expected.some((p) => p.endDate === undefined) && served.length === expected.length
  },
  'schema.grade-bad-semester': async (c) => {
    const grades = (await c.get('/grades')).json.data
    return grades.length > 0 && grades.every((g: Json) => g.semester === 'HT' || g.semester === 'VT')
  },
  'expand.ignored': async (c) => {
    const placements = (await c.get('/placements?expand=child')).json.data
    return placements.length > 0 && placements.every((p: Json) => typeof p._embedded?.child?.givenName === 'string')
  },
  'filter.required-window-optional': async (c) =>
    (await c.get('/calendarEvents')).status === 400 && (await c.get('/aggregatedAttendance?startDate=2025-01-01')).status === 400,
  // --- export (issue #5): export.* and data.dangling-* ---
  'data.dangling-reference': async (c, s) => {
    // Against the dataset's ids: identity.unstable-ids rewrites served ids, not references.
    const orgs = new Set(s.dataset.organisations.map((o) => o.id))
    return (await c.get('/groups')).json.data.every((g: Json) => orgs.has(g.organisation?.id))
  },
  'export.list-forbidden': async (c) => (await c.get('/activities?limit=1')).status === 200,
  'export.active-only': async (c, s) => {
    // At least as many ended groups as the dataset has (export.deleted-still-listed adds one more).
    const today = new Date().toISOString().slice(0, 10)
    const ended = (gs: Json[]) => gs.filter((g) => typeof g.endDate === 'string' && g.endDate < today).length
    return ended((await c.get('/groups')).json.data) >= ended(s.dataset.groups ?? [])
  },
  'export.deleted-still-listed': async (c, s) => {
    const gone = new Set((s.dataset.deletedEntities ?? []).map((d) => d.id))
    return (await c.get('/groups')).json.data.every((g: Json) => !gone.has(g.id))
  },
  'export.deletions-missing': async (c, s) => {
    const a = await c.get('/deletedEntities')
    return a.json.data.persons.length === (s.dataset.deletedEntities ?? []).filter((d) => d.entity === 'Person').length
  },
  'export.throttle-without-retry-after': async (c) => {
    const a = await c.get('/duties?limit=1')
    return a.status !== 429 || a.headers.get('retry-after') !== null
  },
  'export.duties-empty': async (c, s) => {
    // A status other than 200 is another rule's business (export.throttle-without-retry-after): ask twice.
    let a = await c.get('/duties')
    if (a.status !== 200) a = await c.get('/duties')
    // Not empty (export.active-only leaves out the ended duties, not all of them).
    return (s.dataset.duties ?? []).length === 0 || a.json.data.length > 0
  },
  'export.fraction-rounded': async (c, s) => {
    // Half a second before the median record's modified: the bound must keep its fraction and select the record.
    const x = median(s.dataset.persons, 'modified')
    return (await keys(c, `/persons?meta.modified.after=${enc(new Date(Date.parse(x.meta.modified) - 500).toISOString())}`)).includes(keyOf(x))
  },
  'export.offset-ignored': async (c, s) => {
    // One second before the median record's modified, written as Z and as +02:00: the same instant, the same records.
    const t = Date.parse(median(s.dataset.persons, 'modified').meta.modified) - 1000
    const z = new Date(t).toISOString()
    const plus2 = new Date(t + 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+02:00')
    const a = (await keys(c, `/persons?meta.modified.after=${enc(z)}`)).sort()
    const b = (await keys(c, `/persons?meta.modified.after=${enc(plus2)}`)).sort()
    return JSON.stringify(a) === JSON.stringify(b)
  },
  // --- api2: relationship filters (issue #4), src/reference/filter-faults.ts ---
  'filter.relation-ignored': async (c) => {
    // Placements: no other fault bends them. The child of a served placement selects its placements only.
    const all = (await c.get('/placements')).json.data as Json[]
    const child = all[0]?.child?.id
    const got = (await c.get(`/placements?child=${child}`)).json.data as Json[]
    return got.length > 0 && got.length < all.length && got.every((p) => p.child?.id === child)
  },
  'filter.person-relationship-ignored': async (c, s) => {
    const org = s.dataset.persons.flatMap((p) => p.enrolments ?? [])[0]?.enroledAt?.id
    const all = (await c.get('/persons')).json.data as Json[]
    const got = (await c.get(`/persons?relationship.entity.type=enrolment&relationship.organisation=${org}`)).json.data as Json[]
    return got.length > 0 && got.length < all.length
  },
  'filter.member-ignored': async (c, s) => {
    const listed = await c.get('/activities')
    if (listed.status !== 200) return true // export.list-forbidden's rule, not this one
    const all = listed.json.data as Json[]
    // The member of the fewest activities the list serves (export.active-only leaves the ended ones out): exactly those.
    const groups = new Map((s.dataset.groups ?? []).map((g) => [g.id, g]))
    const membersOf = (a: Json): string[] => (a.groups ?? []).flatMap((r: Json) => (groups.get(r.id)?.groupMemberships ?? []).map((m) => m.person?.id))
    const count = new Map<string, number>()
    for (const a of all) for (const p of new Set(membersOf(a))) count.set(p, (count.get(p) ?? 0) + 1)
    const [person, n] = [...count.entries()].sort((x, y) => x[1] - y[1])[0] ?? []
    if (n === all.length) return true // every served activity has that member: the filter cannot be told from none
    const got = (await c.get(`/activities?member=${person}`)).json.data as Json[]
    return got.length === n
  },
  'filter.event-person-ignored': async (c, s) => {
    const window = `startTime.onOrAfter=${enc('1900-01-01T00:00:00Z')}&startTime.onOrBefore=${enc('2999-01-01T00:00:00Z')}`
    const teacher = (s.dataset.activities ?? []).find((a) => (a.teachers ?? []).length)?.teachers?.[0]?.duty?.id
    const all = (await c.get(`/calendarEvents?${window}`)).json.data as Json[]
    const got = (await c.get(`/calendarEvents?${window}&teacher=${teacher}`)).json.data as Json[]
    return got.length > 0 && got.length < all.length
  },
  // --- end api2 ---
  // --- export3: the rest of the export suite (issue #5) ---
  'export.offset-paging': async (_c, s) => pageAfterChange(s),
  'export.syllabuses-withheld': async (c, s) => {
    // A syllabus an activity refers to can be listed and fetched.
    const id = (s.dataset.activities ?? []).find((a) => a.syllabus?.id)?.syllabus?.id
    return (await c.get('/syllabuses?limit=1')).status === 200 && (await c.get(`/syllabuses/${id}`)).status === 200
  },
  'export.text-mojibake': async (c, s) => {
    // Every served name is the dataset's, å, ä and ö as they are (compared by civicNo-free key: the e-mail).
    const names = new Map(s.dataset.persons.map((p) => [keyOf(p as Json), `${p.givenName} ${p.familyName}`]))
    return ((await c.get('/persons')).json.data as Json[]).every((p) => names.get(keyOf(p)) === `${p.givenName} ${p.familyName}`)
  },
  'export.old-after-empty': async (c) => {
    // An after bound before every deletion lists as many as no bound at all.
    const all = await c.get('/deletedEntities')
    const old = await c.get(`/deletedEntities?after=${enc('2000-01-01T00:00:00Z')}`)
    const n = (a: Answer) => Object.values(a.json.data as Record<string, string[]>).flat().length
    return all.status === 200 && old.status === 200 && n(old) === n(all)
  },
  // A page asked with limit=7 is filled to 7 (more is paging.ignore-limit's rule, not this one).
  'export.two-record-pages': async (c) => (await c.get('/persons?limit=7')).json.data?.length >= 7,
  'export.org-filter-drops-one': async (c, s) => {
    // Every group the unfiltered list serves is served filtered by its organisation too (compared by name, type and
    // dates: identity.unstable-ids rewrites served ids; data.dangling-reference points one at no organisation).
    const orgs = new Set(s.dataset.organisations.map((o) => o.id))
    const tuple = (g: Json) => `${g.displayName}|${g.groupType}|${g.startDate}|${g.endDate}`
    for (const g of (await c.get('/groups')).json.data as Json[]) {
      if (!orgs.has(g.organisation?.id)) continue
      const got = (await c.get(`/groups?organisation=${g.organisation.id}`)).json.data as Json[]
      if (!got.some((x) => tuple(x) === tuple(g))) return false
    }
    return true
  },
  'export.token-on-last-full-page': async (c, s) => {
    // One full page of every person: a pageToken, if any, leads to records or to more pages, never to an empty end.
    const a = await c.get(`/persons?limit=${s.dataset.persons.length}`)
    if (a.json.pageToken === null) return true
    const b = await c.get(`/persons?pageToken=${encodeURIComponent(a.json.pageToken)}`)
    return b.json.data.length > 0 || b.json.pageToken !== null
  },
  // --- end export3 ---
  // --- auth: RFC 8705 mutual-TLS client authentication, certificate-bound tokens, tenants (wip-auth3; test/helpers/rfc8705.ts) ---
  'auth.token-mtls-accepts-no-cert': (_c, s) => RFC8705_RULES['auth.token-mtls-accepts-no-cert'](s),
  'auth.token-cnf-spki-thumbprint': (_c, s) => RFC8705_RULES['auth.token-cnf-spki-thumbprint'](s),
  'auth.rs-ignores-certificate-binding': (_c, s) => RFC8705_RULES['auth.rs-ignores-certificate-binding'](s),
  'auth.rs-other-huvudman-401': (_c, s) => RFC8705_RULES['auth.rs-other-huvudman-401'](s),
  // --- end auth: RFC 8705 (wip-auth3) ---
  // --- api3: remaining api rules (issue #4), src/reference/query-faults.ts, data-faults.ts ---
  'filter.relationship-type-ignored': async (c, s) => {
    // type=duty at one unit selects the persons with a duty there, not everyone related to the unit.
    const duties = s.dataset.duties ?? []
    const at = duties[0]?.dutyAt?.id
    const expected = new Set(duties.filter((d) => d.dutyAt?.id === at).map((d) => d.person?.id)).size
    const all = (await c.get('/persons')).json.data as Json[]
    const got = (await c.get(`/persons?relationship.entity.type=duty&relationship.organisation=${at}`)).json.data as Json[]
    if (got.length === all.length) return true // filter.person-relationship-ignored's rule, not this one
    return got.length === expected
  },
  'filter.relationship-guardians-dropped': async (c, s) => {
    // The guardians of a child enrolled at a unit are found through responsibleFor.enrolment.
    const child = s.dataset.persons.find((p) => (p.responsibles ?? []).length > 0 && (p.enrolments ?? []).length > 0)
    const org = child?.enrolments?.[0]?.enroledAt?.id
    const got = (await c.get(`/persons?relationship.entity.type=responsibleFor.enrolment&relationship.organisation=${org}`)).json.data as Json[]
    return got.length > 0
  },
  'filter.attribute-ignored': async (c, s) => {
    // groupType selects the served groups of that type; code the programme with it.
    const type = ((await c.get('/groups')).json.data as Json[])[0]?.groupType // export.active-only serves fewer groups
    const groups = (await c.get(`/groups?groupType=${enc(String(type))}`)).json.data as Json[]
    const code = (s.dataset.programmes ?? []).find((p) => p.code)?.code
    const programmes = (await c.get(`/programmes?code=${enc(String(code))}`)).json.data as Json[]
    return groups.length > 0 && groups.every((g) => g.groupType === type) && programmes.length > 0 && programmes.every((p) => p.code === code)
  },
  'filter.parent-ignored': async (c, s) => {
    // parent selects the organisations directly below the one named.
    const parent = s.dataset.organisations.find((o) => o.parentOrganisation?.id)?.parentOrganisation?.id
    const got = (await c.get(`/organisations?parent=${parent}`)).json.data as Json[]
    return got.length > 0 && got.every((o) => o.parentOrganisation?.id === parent)
  },
  // The route is there (write.create-accepts-invalid may take the empty body; only a missing route answers 404).
  'ops.attendance-schedule-writes-missing': async (_c, s) => (await send(s, 'POST', '/attendanceSchedule', {})).status !== 404,
  'data.parent-is-schoolunit': async (c) => {
    const orgs = (await c.get('/organisations')).json.data as Json[]
    const type = new Map(orgs.map((o) => [o.id, o.organisationType]))
    return orgs.every((o) => !o.parentOrganisation || type.get(o.parentOrganisation.id) !== 'Skolenhet')
  },
  'data.eppn-without-domain': async (c) => {
    const names = ((await c.get('/persons')).json.data as Json[]).flatMap((p) => p.eduPersonPrincipalNames ?? [])
    return names.length > 0 && names.every((n: string) => /^[^\s@]+@[^\s@]+$/.test(n))
  },
  'expand.bumps-modified': async (c) => {
    // Compared by position: identity.unstable-ids changes the ids from one call to the next, not the order.
    const plain = (await c.get('/groups?limit=5')).json.data as Json[]
    const expanded = (await c.get('/groups?limit=5&expand=assignmentRoles')).json.data as Json[]
    return plain.length > 0 && plain.every((d, i) => d.meta?.modified === expanded[i]?.meta?.modified)
  },
  'paging.limit-lenient': async (c) => (await c.get('/persons?limit=abc')).status === 400 && (await c.get('/persons?limit=2.5')).status === 400,
  'filter.date-lenient': async (c) => (await c.get(`/persons?meta.modified.after=${enc('2020-01-01T00:00:00')}`)).status === 400,
  // --- end api3 ---
}

/**
 * export.offset-paging's rule: after a record before the position is removed between two pages, the next page goes
 * on right after the last record served. Two twin servers (same faults, same data) serve page 1 of /persons; one
 * then deletes the first record page 1 served; page 2 of both must agree but for that record. (Any other paging
 * fault bends both pages alike.)
 */
async function pageAfterChange(s: ReferenceServer): Promise<boolean> {
  const persons = s.dataset.persons as Json[]
  const firstId = [...persons].sort(byId)[0]
  // A change deletes the dataset's last persons: put the first in the list's order (by id) last.
  const dataset = { ...s.dataset, persons: [...persons.filter((p) => p !== firstId), firstId] } as typeof s.dataset
  const twins = [await startReferenceServer({ faults: s.faults, dataset }), await startReferenceServer({ faults: s.faults, dataset })]
  try {
    const [same, changed] = twins.map((t) => new Client(t))
    const pages = [await same.get('/persons?limit=10'), await changed.get('/persons?limit=10')]
    const token = pages[0].json.pageToken
    if (token === null) return true // one page (paging.ignore-limit): no boundary to lose records at
    expect(pages[1].json.pageToken).to.be.a('string')
    expect((pages[0].json.data as Json[]).map(keyOf), 'page 1 serves the record the change deletes').to.include(keyOf(firstId))
    const result = await twins[1].applyChanges({ delete: { persons: 1 } })
    expect(result.deleted).to.deep.equal([firstId.id])
    const next = (t: string) => `/persons?pageToken=${encodeURIComponent(t)}&limit=10`
    const a = ((await same.get(next(token))).json.data as Json[]).map(keyOf).filter((k) => k !== keyOf(firstId))
    const b = ((await changed.get(next(pages[1].json.pageToken))).json.data as Json[]).map(keyOf)
    const common = Math.min(a.length, b.length)
    return common > 0 && JSON.stringify(a.slice(0, common)) === JSON.stringify(b.slice(0, common))
  } finally {
    for (const t of twins) await t.close()
  }
}

describe('reference server faults', function () {
  async function withServer<T>(faults: FaultId[], fn: (c: Client, s: ReferenceServer) => Promise<T>): Promise<T> {
    const s = await startReferenceServer({ faults })
    try {
      return await fn(new Client(s), s)
    } finally {
      await s.close()
    }
  }

  async function brokenRules(c: Client, s: ReferenceServer): Promise<FaultId[]> {
    const broken: FaultId[] = []
    for (const id of FAULT_IDS) if (!(await RULES[id](c, s))) broken.push(id)
    return broken
  }

  it('has a probe for every fault', function () {
    expect(Object.keys(RULES).sort()).to.deep.equal([...FAULT_IDS].sort())
  })

  it('the clean server keeps every probed rule', async function () {
    expect(await withServer([], brokenRules)).to.deep.equal([])
  })

  for (const fault of FAULT_IDS) {
    it(`${fault} breaks its own rule and no other`, async function () {
      expect(await withServer([fault], brokenRules)).to.deep.equal([fault])
    })
  }

  describe('each fault does what its description says', function () {
    it('paging.never-ends: pages past the end are empty and still carry a pageToken', async function () {
      await withServer(['paging.never-ends'], async (c) => {
        const w = await c.walk('/persons?limit=7', 7, 12)
        expect(w.ended).to.equal(false)
        expect(w.pages.slice(9).every((p) => p.length === 0)).to.equal(true)
        expect(w.last.json.pageToken).to.be.a('string')
      })
    })
    it('paging.repeat-last-item: the last record of page N comes first on page N+1', async function () {
      await withServer(['paging.repeat-last-item'], async (c) => {
        const w = await c.walk('/persons?limit=7', 7)
        for (let i = 1; i < w.pages.length; i++) expect(w.pages[i][0].id).to.equal(w.pages[i - 1].at(-1).id)
        for (const p of w.pages) expect(p.length).to.be.at.most(7)
      })
    })
    it('paging.skip-first-item: pages after the first lack their first record', async function () {
      await withServer(['paging.skip-first-item'], async (c, s) => {
        const sorted = [...s.dataset.persons].sort(byId).map((p) => p.id)
        const w = await c.walk('/persons?limit=7', 7)
        expect(w.pages[0].map((p) => p.id)).to.deep.equal(sorted.slice(0, 7))
        expect(w.pages[1].map((p) => p.id)).to.deep.equal(sorted.slice(8, 14))
      })
    })
    it('paging.ignore-limit: the first page holds every record and ends the list', async function () {
      await withServer(['paging.ignore-limit'], async (c) => {
        const a = await c.get('/persons?limit=7')
        expect([a.json.data.length, a.json.pageToken]).to.deep.equal([60, null])
      })
    })
    it('paging.limit-zero-accepted: limit=0 is answered 200 with an empty page', async function () {
      await withServer(['paging.limit-zero-accepted'], async (c) => {
        const a = await c.get('/persons?limit=0')
        expect([a.status, a.json.data.length]).to.deep.equal([200, 0])
      })
    })
    it('item.unknown-id-200 answers 200 {}; item.malformed-id-404 answers 404', async function () {
      await withServer(['item.unknown-id-200', 'item.malformed-id-404'], async (c) => {
        const a = await c.get(`/persons/${randomUUID()}`)
        expect([a.status, a.json]).to.deep.equal([200, {}])
        expect((await c.get('/persons/not-a-uuid')).status).to.equal(404)
      })
    })
    it("item.differs-from-list appends ' (item)' to displayName / givenName on the item endpoint only", async function () {
      await withServer(['item.differs-from-list'], async (c, s) => {
        const p = s.dataset.persons[0]
        const o = s.dataset.organisations[0]
        expect((await c.get(`/persons/${p.id}`)).json.givenName).to.equal(`${p.givenName} (item)`)
        expect((await c.get(`/organisations/${o.id}`)).json.displayName).to.equal(`${o.displayName} (item)`)
        expect((await c.post('/persons/lookup', { ids: [p.id] })).json[0].givenName).to.equal(p.givenName)
      })
    })
    it("schema.bad-enum serves organisationType 'Kommun'; schema.missing-meta drops meta everywhere", async function () {
      await withServer(['schema.bad-enum', 'schema.missing-meta'], async (c, s) => {
        const orgs = (await c.get('/organisations')).json.data
        expect(orgs.every((o: Json) => o.organisationType === 'Kommun')).to.equal(true)
        expect(orgs.some((o: Json) => 'meta' in o)).to.equal(false)
        expect((await c.get(`/persons/${s.dataset.persons[0].id}`)).json).to.not.have.property('meta')
        expect((await c.post('/persons/lookup', { ids: [s.dataset.persons[0].id] })).json[0]).to.not.have.property('meta')
      })
    })
    it('lookup.ignore-ids returns every record', async function () {
      await withServer(['lookup.ignore-ids'], async (c, s) => {
        expect((await c.post('/persons/lookup', { ids: [] })).json).to.have.length(s.dataset.persons.length)
      })
    })
    it('ern.always-display-name names references although expandReferenceNames is not set', async function () {
      await withServer(['ern.always-display-name'], async (c) => {
        const refs = references((await c.get('/persons')).json.data)
        expect(refs.length).to.be.greaterThan(0)
        for (const r of refs) expect(r.displayName).to.be.a('string')
      })
    })
    it('error.no-body answers 400 with an empty body', async function () {
      await withServer(['error.no-body'], async (c) => {
        for (const q of ['/persons?limit=0', '/persons/not-a-uuid', '/persons?sortkey=x']) {
          const a = await c.get(q)
          expect([a.status, a.text], q).to.deep.equal([400, ''])
        }
        expect((await c.get('/persons', {})).json.code, '401 keeps its body').to.equal('unauthorized')
      })
    })
    it('auth.accept-missing-token serves requests without Authorization but still refuses a bad token', async function () {
      await withServer(['auth.accept-missing-token'], async (c) => {
        expect((await c.get('/persons?limit=1', {})).status).to.equal(200)
        expect((await c.get('/persons?limit=1', { authorization: 'Bearer garbage' })).status).to.equal(401)
      })
    })
    it('auth.accept-invalid-token serves any non-empty bearer token but still refuses none', async function () {
      await withServer(['auth.accept-invalid-token'], async (c) => {
        expect((await c.get('/persons?limit=1', { authorization: 'Bearer garbage' })).status).to.equal(200)
        expect((await c.get('/persons?limit=1', {})).status).to.equal(401)
      })
    })
    it('auth.token-without-type leaves token_type out of the token answer', async function () {
      await withServer(['auth.token-without-type'], async (_c, s) => {
        const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: s.clientId, client_secret: s.clientSecret })
        const a = await call(s.tokenUrl, { method: 'POST', headers: FORM, body: body.toString() })
        expect(a.status).to.equal(200)
        expect(a.json).to.have.property('access_token')
        expect(a.json).to.not.have.property('token_type')
      })
    })

    // --- the query-language faults: each bends one rule, the rest of the query still applies ---

    /** The spec's meta bounds (notes §4): .after exclusive, .before inclusive. */
    type Bound = 'meta.created.after' | 'meta.created.before' | 'meta.modified.after' | 'meta.modified.before'
    const SPEC_BOUNDS: Record<Bound, (at: number, t: number) => boolean> = {
      'meta.created.after': (at, t) => at > t,
      'meta.created.before': (at, t) => at <= t,
      'meta.modified.after': (at, t) => at > t,
      'meta.modified.before': (at, t) => at <= t,
    }
    async function expectBounds(c: Client, s: ReferenceServer, bounds: Record<Bound, (at: number, t: number) => boolean>) {
      for (const [param, holds] of Object.entries(bounds) as [Bound, (at: number, t: number) => boolean][]) {
        const field = param.split('.')[1] as 'created' | 'modified'
        for (const x of [median(s.dataset.persons, field), s.dataset.persons[3]]) {
          const t = Date.parse(x.meta[field])
          const want = s.dataset.persons.filter((p) => holds(Date.parse(p.meta[field]), t)).map(keyOf).sort()
          expect((await keys(c, `/persons?${param}=${enc(x.meta[field])}`)).sort(), `${param} at ${x.meta[field]}`).to.deep.equal(want)
        }
      }
    }
    it('filter.modified-after-inclusive / filter.created-before-exclusive bend their own bound only', async function () {
      await withServer(['filter.modified-after-inclusive'], (c, s) => expectBounds(c, s, { ...SPEC_BOUNDS, 'meta.modified.after': (at, t) => at >= t }))
      await withServer(['filter.created-before-exclusive'], (c, s) => expectBounds(c, s, { ...SPEC_BOUNDS, 'meta.created.before': (at, t) => at < t }))
      await withServer([], (c, s) => expectBounds(c, s, SPEC_BOUNDS))
    })
    it('filter.meta-ignored: the four meta filters select everything, but a malformed one is still 400', async function () {
      await withServer(['filter.meta-ignored'], async (c, s) => {
        const x = median(s.dataset.persons, 'modified')
        for (const param of Object.keys(SPEC_BOUNDS)) {
          expect(await keys(c, `/persons?${param}=${enc(x.meta.modified)}`), param).to.have.length(60)
          expect(await keys(c, `/organisations?${param}=2999-01-01T00:00:00Z`), param).to.have.length(10)
          expect((await c.get(`/persons?${param}=2025-01-01`)).status, param).to.equal(400)
        }
        // the rest of the query still applies
        const name = s.dataset.persons[0].familyName
        expect(await keys(c, `/persons?nameContains=${enc(name)}&meta.created.after=2999-01-01T00:00:00Z`)).to.deep.equal(await keys(c, `/persons?nameContains=${enc(name)}`))
      })
    })

    const names = (p: Person) => [p.givenName, p.middleName, p.familyName].filter((n): n is string => n !== undefined)
    async function expectNames(c: Client, s: ReferenceServer, queries: string[][], selects: (p: Person, values: string[]) => boolean) {
      for (const values of queries) {
        const want = [...s.dataset.persons].sort(byId).filter((p) => selects(p, values)).map(keyOf)
        expect(await keys(c, `/persons?${values.map((v) => `nameContains=${enc(v)}`).join('&')}`), values.join(' & ')).to.deep.equal(want)
      }
    }
    it('filter.name-case-sensitive: matches only in the same case, still in any name field, every value', async function () {
      await withServer(['filter.name-case-sensitive'], async (c, s) => {
        const middle = s.dataset.persons.find((p) => p.middleName)!.middleName!
        const queries = [['Ex'], ['ex'], ['sson'], ['SSON'], [middle], [middle.toLowerCase()], ['a', 'e'], ['A', 'sson']]
        await expectNames(c, s, queries, (p, vs) => vs.every((v) => names(p).some((n) => n.includes(v))))
        expect(await keys(c, '/persons?nameContains=EXEMPELSSON')).to.deep.equal([])
      })
    })
    it('filter.name-any-value: several values select a person matching any; a single value behaves as before', async function () {
      await withServer(['filter.name-any-value'], async (c, s) => {
        const has = (p: Person, v: string) => names(p).some((n) => n.toLowerCase().includes(v.toLowerCase()))
        await expectNames(c, s, [['sson'], ['provberg', 'TESTLUND'], ['alva', 'zzzz'], ['zzzz']], (p, vs) => vs.some((v) => has(p, v)))
        expect((await keys(c, '/persons?nameContains=alva&nameContains=zzzz')).length).to.be.greaterThan(0)
      })
    })

    it('filter.unknown-enum-ignored drops unknown values of the enumerated filters (type, schoolTypes, relationship.entity.type …); nothing else', async function () {
      expect([...ENUM_FILTERS].sort()).to.deep.equal(['dutyRole', 'entities', 'groupType', 'relationship.entity.type', 'schoolType', 'schoolTypes', 'type'])
      await withServer(['filter.unknown-enum-ignored'], async (c, s) => {
        const same = async (q: string, as: string) => expect(await keys(c, q), q).to.deep.equal(await keys(c, as))
        await same('/organisations?type=Skola&type=Kommun', '/organisations?type=Skola')
        await same('/organisations?type=Kommun', '/organisations')
        await same('/organisations?schoolTypes=XX&schoolTypes=GY', '/organisations?schoolTypes=GY')
        const unit = s.dataset.organisations.find((o) => o.organisationType === 'Skolenhet')!
        await same(`/persons?relationship.entity.type=friend&relationship.organisation=${unit.id}`, `/persons?relationship.organisation=${unit.id}`)
        expect(await keys(c, '/organisations?type=Kommun')).to.have.length(10)
        // the values left travel in the pageToken
        const w = await c.walk('/organisations?type=Skolenhet&type=Kommun&limit=3', 3)
        expect(w.pages.flat().map((o) => o.organisationType)).to.deep.equal(['Skolenhet', 'Skolenhet', 'Skolenhet', 'Skolenhet'])
        for (const q of ['/persons?sortkey=Bogus', '/organisations?parent=not-a-uuid', `/persons/${s.dataset.persons[0].id}?expand=pets`, '/persons?relationship.entity.type=friend&relationship.entity.type=enrolment']) {
          expect((await c.get(q)).status, q).to.equal(400)
        }
      })
    })
    it('sort.unknown-key-ignored serves an unknown sortkey in the default order; other enums still 400', async function () {
      await withServer(['sort.unknown-key-ignored'], async (c, s) => {
        const ids = async (q: string) => (await c.get(q)).json.data.map((r: Json) => r.id)
        expect(await ids('/persons?sortkey=Bogus')).to.deep.equal([...s.dataset.persons].sort(byId).map((p) => p.id))
        expect(await ids('/organisations?sortkey=GivenNameAsc&type=Skolenhet')).to.deep.equal(await ids('/organisations?type=Skolenhet'))
        const sorted = (await c.get('/organisations?sortkey=DisplayNameAsc')).json.data.map((o: Json) => o.displayName)
        expect(sorted).to.deep.equal([...sorted].sort(new Intl.Collator('sv').compare))
        expect((await c.get('/organisations?type=Kommun')).status).to.equal(400)
      })
    })
    it('sort.broken-on-page-2 reverses each page after the first of a sorted list, and only of a sorted one', async function () {
      await withServer(['sort.broken-on-page-2'], async (c, s) => {
        for (const [q, limit] of [['/persons?sortkey=ModifiedDesc', 15], ['/organisations?sortkey=ModifiedDesc', 3], ['/persons?sortkey=FamilyNameAsc&nameContains=a', 4]] as const) {
          const full = (await c.get(q)).json.data.map((r: Json) => r.id)
          const pages = (await c.walk(`${q}&limit=${limit}`, limit)).pages.map((p) => p.map((r) => r.id))
          expect(pages.length, q).to.be.greaterThan(2)
          pages.forEach((page, i) => expect(page, `${q} page ${i + 1}`).to.deep.equal(i ? full.slice(i * limit, (i + 1) * limit).reverse() : full.slice(0, limit)))
        }
        const plain = (await c.walk('/persons?limit=7', 7)).pages.flat().map((p) => p.id)
        expect(plain).to.deep.equal([...s.dataset.persons].sort(byId).map((p) => p.id))
      })
    })

    it('ern.ignored: no reference carries displayName, with or without expandReferenceNames; a bad value is still 400', async function () {
      await withServer(['ern.ignored'], async (c, s) => {
        const guardian = s.dataset.persons.find((p) => p.responsibles?.length)!.responsibles![0].person!.id
        const answers = [
          (await c.get('/persons?expandReferenceNames=true')).json.data,
          (await c.get('/organisations?expandReferenceNames=true')).json.data,
          (await c.get(`/persons/${s.dataset.persons[0].id}?expandReferenceNames=true`)).json,
          (await c.post('/organisations/lookup?expandReferenceNames=true', { ids: s.dataset.organisations.map((o) => o.id) })).json,
        ]
        const refs = references(answers)
        expect(refs.length).to.be.greaterThan(40)
        for (const r of refs) expect(Object.keys(r)).to.deep.equal(['id'])
        const embedded = (await c.get(`/persons/${guardian}?expand=responsibleFor&expandReferenceNames=true`)).json._embedded.responsibleFor
        expect(embedded.length).to.be.greaterThan(0)
        for (const e of embedded) expect(Object.keys(e.person)).to.deep.equal(['id'])
        expect((await c.get('/persons?expandReferenceNames=yes')).status).to.equal(400)
      })
    })
    it('lookup.civicnos-ignored finds persons by ids only; civicNos is still checked', async function () {
      await withServer(['lookup.civicnos-ignored'], async (c, s) => {
        const [p, q] = [s.dataset.persons[3], s.dataset.persons[9]]
        expect((await c.post('/persons/lookup', { civicNos: [q.civicNo!.value] })).json).to.deep.equal([])
        expect((await c.post('/persons/lookup', { ids: [p.id], civicNos: [q.civicNo!.value] })).json.map((x: Json) => x.id)).to.deep.equal([p.id])
        expect((await c.post('/persons/lookup', { civicNos: 'x' })).status).to.equal(400)
        const unit = s.dataset.organisations.find((o) => o.schoolUnitCode)!
        expect((await c.post('/organisations/lookup', { schoolUnitCodes: [unit.schoolUnitCode] })).json.map((o: Json) => o.id)).to.deep.equal([unit.id])
      })
    })
    it('identity.unstable-ids gives each record another v4 UUID in every answer; the rest of the record and references stay', async function () {
      await withServer(['identity.unstable-ids'], async (c, s) => {
        const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        const known = new Set([...s.dataset.persons, ...s.dataset.organisations].map((r) => r.id))
        const first = (await c.get('/persons')).json.data
        const second = (await c.get('/persons')).json.data
        const ids = [...first, ...second].map((p: Json) => p.id)
        for (const id of ids) expect(id).to.match(v4)
        expect(new Set(ids).size).to.equal(120)
        expect(ids.some((id) => known.has(id))).to.equal(false)
        expect(second.map((p: Json) => ({ ...p, id: null }))).to.deep.equal(first.map((p: Json) => ({ ...p, id: null })))
        for (const r of references(first)) expect(known.has(r.id), 'references keep their ids').to.equal(true)
        expect((await c.get(`/persons/${first[0].id}`)).status).to.equal(404)
        expect((await c.post('/persons/lookup', { ids: [first[0].id] })).json).to.deep.equal([])
        const p = [...s.dataset.persons].sort(byId)[0]
        const item = await c.get(`/persons/${p.id}`)
        expect([item.status, keyOf(item.json)]).to.deep.equal([200, keyOf(p)])
        expect(item.json.id).to.match(v4).and.not.equal(p.id)
        const org = (await c.post('/organisations/lookup', { ids: [s.dataset.organisations[0].id] })).json
        expect(org.map(keyOf)).to.deep.equal([keyOf(s.dataset.organisations[0])])
        expect(org[0].id).to.not.equal(s.dataset.organisations[0].id)
        // paging does not rest on ids: a walk still sees every person once
        const walked = (await c.walk('/persons?limit=7', 7)).pages.flat().map(keyOf)
        expect(walked).to.deep.equal([...s.dataset.persons].sort(byId).map(keyOf))
      })
    })
    it('data.malformed-civicno serves YYYYMMDD-NNNN in list, item and lookup; filters and lookups take both forms', async function () {
      await withServer(['data.malformed-civicno'], async (c, s) => {
        const served = (p: Person) => `${p.civicNo!.value.slice(0, 8)}-${p.civicNo!.value.slice(8)}`
        const byKey = new Map(s.dataset.persons.map((p) => [keyOf(p), p]))
        for (const x of (await c.get('/persons')).json.data) expect(x.civicNo).to.deep.equal({ ...byKey.get(keyOf(x))!.civicNo, value: served(byKey.get(keyOf(x))!) })
        const p = s.dataset.persons[5]
        expect((await c.get(`/persons/${p.id}`)).json.civicNo.value).to.equal(served(p))
        expect((await c.post('/persons/lookup', { civicNos: [p.civicNo!.value] })).json.map((x: Json) => x.civicNo.value)).to.deep.equal([served(p)])
        expect(await keys(c, `/persons?civicNo=${p.civicNo!.value}`)).to.deep.equal([keyOf(p)])
        // and the served form as well, so a client can find a person by the number it was given
        expect(await keys(c, `/persons?civicNo=${served(p)}`)).to.deep.equal([keyOf(p)])
        expect((await c.post('/persons/lookup', { civicNos: [served(p)] })).json.map(keyOf)).to.deep.equal([keyOf(p)])
        expect(served(p)).to.match(/^\d{8}-\d{4}$/)
      })
    })
    it('item.unknown-id-500 answers an unknown id 500 with an Error body; known and malformed ids as before', async function () {
      await withServer(['item.unknown-id-500'], async (c, s) => {
        for (const r of ['persons', 'organisations']) {
          const a = await c.get(`/${r}/${randomUUID()}`)
          expect(a.status).to.equal(500)
          expect(a.json.code).to.be.a('string')
          expect(a.json.message).to.be.a('string')
        }
        expect((await c.get(`/persons/${s.dataset.persons[0].id}`)).status).to.equal(200)
        expect((await c.get('/persons/not-a-uuid')).status).to.equal(400)
      })
    })
  })
})
