// The clean reference server is conformant by plain ajv: every GET and POST …/lookup operation the SS 12000
// 2.1.0 document declares, enumerated FROM THE DOCUMENT (not from the server's own tables), is called, and each
// answer's status must be one the operation declares and its body must validate against the schema declared
// for that status (src/spec/validators.ts, with the document's known errata corrected).
//
// Lists: a first page (limit=1) and the page its pageToken leads to, plain and with every expand value and
// expandReferenceNames=true; items: a real id, an unknown id (404) and a malformed one (400); lookups: the ids
// of the list. Required parameters are filled with a window around the data.

import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import type { Operation } from '../../src/spec/operations.js'
import { call, type Answer, type Json } from '../helpers/http.js'

/** Read operations served by another branch (subscriptions are written before they are read). */
const ELSEWHERE = ['GET /subscriptions', 'GET /subscriptions/{id}']

/** Lookups whose declared 200 answer is an array of another entity (a defect of the 2.1.0 document, notes §3). */
const DECLARED_OTHERWISE: Record<string, string> = { 'POST /calendarEvents/lookup': 'CalendarEvent', 'POST /attendanceSchedule/lookup': 'AttendanceSchedule' }

/** A value for a required query parameter: the widest window that is still a real one. */
function requiredValue(name: string, schema: Record<string, unknown>): string {
  const late = /before|endDate|endTime/i.test(name)
  if (schema.format === 'date-time') return late ? '2030-12-31T23:59:59Z' : '2000-01-01T00:00:00Z'
  if (schema.format === 'date') return late ? '2030-12-31' : '2000-01-01'
  throw new Error(`no value for required parameter ${name}`)
}

/** The query string of an operation's required parameters. */
function requiredQuery(op: Operation): string {
  return op.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(requiredValue(p.name, p.schema))}`)
    .join('&')
}

/** The expand values an operation declares. */
function expandValues(op: Operation): string[] {
  const p = op.parameters.find((x) => x.in === 'query' && x.name === 'expand')
  return ((p?.schema.items as { enum?: string[] } | undefined)?.enum ?? []).slice()
}

const declaresErn = (op: Operation) => op.parameters.some((p) => p.in === 'query' && p.name === 'expandReferenceNames')

describe('the clean reference server answers every read operation as the spec declares (plain ajv)', function () {
  let server: ReferenceServer
  let spec: Spec
  let token: string
  let reads: Operation[]
  const seen = new Map<string, Set<string>>()

  before(async function () {
    server = await startReferenceServer()
    spec = await loadSpec()
    token = await server.issueToken()
    reads = spec.operations.filter((o) => o.readOnly && !ELSEWHERE.includes(o.key))
  })
  after(() => server.close())

  const get = (pathAndQuery: string) => call(server.baseUrl + pathAndQuery, { headers: { authorization: `Bearer ${token}` } })
  const post = (pathAndQuery: string, body: unknown) =>
    call(server.baseUrl + pathAndQuery, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  /** The answer's status is declared for the operation and its body validates against the schema declared for it. */
  function conforms(op: Operation, a: Answer, what: string): void {
    const status = String(a.status)
    const key = Object.hasOwn(op.responses, status) ? status : undefined
    expect(key, `${op.key} ${what}: status ${status} is not declared (${Object.keys(op.responses).join(', ')}): ${a.text.slice(0, 200)}`).to.not.equal(undefined)
    let pointer = op.responses[key!]
    // Two lookups declare another entity's array (errata E3, E4 of the validators); without the erratum applied,
    // their answers are validated as arrays of the record they look up.
    const own = DECLARED_OTHERWISE[op.key]
    if (own && key === '200' && !spec.validators.errata.some((e) => e.pointer.includes(op.path.replace(/\//g, '~1')))) {
      for (const [i, rec] of (a.json as Json[]).entries()) {
        const o = spec.validators.validate(`#/components/schemas/${own}`, rec)
        expect(o.valid, `${op.key} ${what} [${i}]: ${o.errors.slice(0, 5).join('; ')}`).to.equal(true)
      }
      pointer = null
    }
    if (pointer) {
      const o = spec.validators.validate(pointer, a.json)
      expect(o.valid, `${op.key} ${what}: ${o.errors.slice(0, 5).join('; ')}`).to.equal(true)
    }
    const statuses = seen.get(op.key) ?? new Set<string>()
    statuses.add(status)
    seen.set(op.key, statuses)
  }

  /** The list GET of a resource path ('/placements/{id}' -> 'GET /placements'). */
  const listOf = (path: string) => reads.find((o) => o.key === `GET ${path.replace(/\/(\{id\}|lookup)$/, '')}`)!

  /** Every record of the list (required parameters filled), walked to its end. */
  async function allRecords(list: Operation): Promise<Json[]> {
    const q = requiredQuery(list)
    const a = await get(`${list.path}${q ? `?${q}` : ''}`)
    expect(a.status, `${list.key}: ${a.text.slice(0, 200)}`).to.equal(200)
    expect(a.json.pageToken ?? null, `${list.key} without limit`).to.equal(null)
    return a.json.data
  }

  it('enumerates the read operations from the document: 55 (GET and POST …/lookup, subscriptions aside)', function () {
    expect(reads.length).to.equal(spec.operations.filter((o) => o.readOnly).length - ELSEWHERE.length)
    expect(reads.length).to.equal(55)
    expect(reads.filter((o) => o.kind === 'lookup')).to.have.length(17)
  })

  it('lists: the first page (limit=1) and the next, plain, expanded and with expandReferenceNames, are declared and valid', async function () {
    for (const op of reads.filter((o) => o.kind === 'list')) {
      const required = requiredQuery(op)
      const variants = ['']
      const expand = expandValues(op)
      if (expand.length) variants.push(expand.map((e) => `expand=${e}`).join('&'))
      if (declaresErn(op)) variants.push(`expandReferenceNames=true${expand.length ? `&${expand.map((e) => `expand=${e}`).join('&')}` : ''}`)
      for (const v of variants) {
        const q = [required, v, 'limit=1'].filter(Boolean).join('&')
        const first = await get(`${op.path}?${q}`)
        conforms(op, first, `?${q}`)
        expect(first.status, `${op.key}?${q}`).to.equal(200)
        if (op.recordList) {
          expect(first.json.data, `${op.key}?${q}: an empty list`).to.have.length(1)
          expect(first.json.pageToken, `${op.key}?${q}: a single record`).to.be.a('string')
        }
        if (typeof first.json.pageToken === 'string') {
          const next = await get(`${op.path}?pageToken=${encodeURIComponent(first.json.pageToken)}&limit=1`)
          conforms(op, next, `page 2 of ?${q}`)
          expect(next.status).to.equal(200)
          if (op.recordList) expect(JSON.stringify(next.json.data[0]), `${op.key} page 2`).to.not.equal(JSON.stringify(first.json.data[0]))
        }
      }
    }
  })

  it('items: a real id (plain, expanded, with expandReferenceNames) 200, an unknown id 404, a malformed id 400', async function () {
    for (const op of reads.filter((o) => o.kind === 'item')) {
      const records = await allRecords(listOf(op.path))
      expect(records.length, op.key).to.be.greaterThan(0)
      const expand = expandValues(op)
      const queries = ['', ...(expand.length ? [`?${expand.map((e) => `expand=${e}`).join('&')}`] : []), ...(declaresErn(op) ? ['?expandReferenceNames=true'] : [])]
      for (const rec of [records[0], records.at(-1)]) {
        for (const q of queries) {
          const a = await get(`${op.path.replace('{id}', rec.id)}${q}`)
          conforms(op, a, `${rec.id}${q}`)
          expect(a.status).to.equal(200)
          expect(a.json.id).to.equal(rec.id)
        }
      }
      const unknown = await get(op.path.replace('{id}', randomUUID()))
      conforms(op, unknown, 'unknown id')
      expect(unknown.status, op.key).to.equal(404)
      const malformed = await get(op.path.replace('{id}', 'not-a-uuid'))
      conforms(op, malformed, 'malformed id')
      expect(malformed.status, op.key).to.equal(400)
    }
  })

  it('lookups: the ids of the list, plain and with expandReferenceNames, answer exactly those records, declared and valid', async function () {
    for (const op of reads.filter((o) => o.kind === 'lookup')) {
      const records = await allRecords(listOf(op.path))
      const ids = records.slice(0, 3).map((r: Json) => r.id)
      expect(ids.length, op.key).to.be.greaterThan(0)
      for (const q of ['', ...(declaresErn(op) ? ['?expandReferenceNames=true'] : [])]) {
        const a = await post(`${op.path}${q}`, { ids: [...ids, randomUUID()] })
        conforms(op, a, `ids${q}`)
        expect(a.status).to.equal(200)
        expect(a.json.map((r: Json) => r.id).sort(), op.key).to.deep.equal([...ids].sort())
      }
      const none = await post(op.path, {})
      conforms(op, none, 'empty body')
      expect(none.json, op.key).to.deep.equal([])
    }
  })

  it('list GETs without a required parameter answer 400 with an Error body', async function () {
    const withRequired = reads.filter((o) => o.kind === 'list' && o.parameters.some((p) => p.in === 'query' && p.required))
    expect(withRequired.map((o) => o.key).sort()).to.deep.equal(['GET /aggregatedAttendance', 'GET /calendarEvents'])
    for (const op of withRequired) {
      const params = op.parameters.filter((p) => p.in === 'query' && p.required)
      for (const left of params) {
        const q = params.filter((p) => p !== left).map((p) => `${p.name}=${encodeURIComponent(requiredValue(p.name, p.schema))}`).join('&')
        const a = await get(`${op.path}?${q}`)
        conforms(op, a, `without ${left.name}`)
        expect(a.status, `${op.key} without ${left.name}`).to.equal(400)
      }
    }
  })

  it('called every read operation of the document with a declared answer', function () {
    expect([...seen.keys()].sort()).to.deep.equal(reads.map((o) => o.key).sort())
  })
})
