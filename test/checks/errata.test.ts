// Spec errata (notes §14): every erratum konform applies is listed in results.json, the HTML report and JUnit,
// and each has a test here showing that the kit does not fail a server that follows the erratum's reading (with a
// control where the same server behaviour, outside the erratum, does fail). A new erratum without a case here
// fails the first test.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import type { CheckResult } from '../../src/core/result.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { renderHtml } from '../../src/report/html/render.js'
import { renderJunit } from '../../src/report/junit.js'
import { runPlan } from '../../src/run.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import { call, type Json } from '../helpers/http.js'
import { runBuiltIn } from '../helpers/run.js'

type Rewrite = (url: URL, body: Json, get: (pathAndQuery: string) => Promise<Json>) => Promise<Json | undefined> | Json | undefined

/** A loopback proxy in front of the clean server that rewrites the JSON answers `rewrite` returns a body for. */
async function proxy(server: ReferenceServer, rewrite: Rewrite): Promise<{ base: string; close: () => Promise<void> }> {
  const prefix = new URL(server.baseUrl).pathname
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', server.origin)
    const headers = { authorization: String(req.headers.authorization ?? '') }
    const get = async (pq: string) => (await call(server.origin + prefix + pq, { headers })).json
    void (async () => {
      const up = await call(url.toString(), { method: req.method, headers })
      const body = up.status === 200 && up.json !== undefined ? await rewrite(url, up.json, get) : undefined
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' })
      res.end(body === undefined ? up.text : JSON.stringify(body))
    })().catch(() => res.writeHead(502).end())
  })
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  return { base: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) }
}

async function runThrough(server: ReferenceServer, rewrite: Rewrite, checkId: string): Promise<CheckResult[]> {
  const p = await proxy(server, rewrite)
  try {
    const run = await runPlan({
      target: p.base,
      profile: 'full-2.1',
      suites: ['api'],
      checkIds: [checkId],
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      limits: { ratePerSecond: 0, concurrency: 8, requestTimeoutMs: 5000, checkTimeoutMs: 20000 },
    })
    return run.results.filter((r) => r.checkId === checkId)
  } finally {
    await p.close()
  }
}

const status = (results: CheckResult[], name: string) => results.find((r) => r.name === name)?.status

/** Drops the records lying exactly at a `.onOrAfter` bound of one list (the "Exkluderande" reading). */
const exclusiveAt =
  (path: string, params: readonly string[]): Rewrite =>
  (url, body) => {
    if (!url.pathname.endsWith(path)) return undefined
    const hit = params.find((n) => url.searchParams.has(n))
    if (!hit) return undefined
    const field = hit.split('.')[0]
    const bound = Date.parse(url.searchParams.get(hit)!)
    return { ...body, data: (body.data as Json[]).filter((r) => Date.parse(r[field]) !== bound) }
  }

describe('spec errata', function () {
  let spec: Spec
  let server: ReferenceServer
  let token: string
  const served = async (pq: string): Promise<Json> => (await call(server.baseUrl + pq, { headers: { authorization: `Bearer ${token}` } })).json
  before(async function () {
    spec = await loadSpec()
    server = await startReferenceServer()
    token = await server.issueToken()
  })
  after(async function () {
    await server.close()
  })

  const CASES: Record<string, () => Promise<void>> = {
    'SS12000-2.1-E1': async () => {
      const grade = (await served('/grades?limit=1')).data[0]
      expect(grade).to.not.have.property('schoolUnit')
      expect((spec.doc.components?.schemas?.Grade as { required: string[] }).required).to.include('schoolUnit')
      expect(spec.validators.validate('#/components/schemas/Grade', grade).errors).to.deep.equal([])
    },
    'SS12000-2.1-E2': async () => {
      const schedule = (await served('/attendanceSchedule?limit=1')).data[0]
      expect(schedule).to.not.have.property('scheduleDays')
      expect((spec.doc.components?.schemas?.AttendanceSchedule as { required: string[] }).required).to.include('scheduleDays')
      expect(spec.validators.validate('#/components/schemas/AttendanceSchedule', schedule).errors).to.deep.equal([])
    },
    'SS12000-2.1-E3': async () => {
      const event = (await served(`/calendarEvents?limit=1&startTime.onOrAfter=1900-01-01T00:00:00Z&startTime.onOrBefore=2999-01-01T00:00:00Z`)).data[0]
      const pointer = spec.operation('POST /calendarEvents/lookup')!.responses['200']!
      expect(spec.validators.validate(pointer, [event]).errors).to.deep.equal([])
    },
    'SS12000-2.1-E4': async () => {
      const schedule = (await served('/attendanceSchedule?limit=1')).data[0]
      const pointer = spec.operation('POST /attendanceSchedule/lookup')!.responses['200']!
      expect(spec.validators.validate(pointer, [schedule]).errors).to.deep.equal([])
    },
    'SS12000-2.1-E5': async () => {
      const schedule = (await served('/attendanceSchedule?limit=1')).data[0]
      const entry = { dayOfWeek: 'Måndag', weekOffset: 0, startTime: '08:30', endTime: '15:30' }
      for (const scheduleEntries of [[entry], [{ ...entry, endTime: 1530 }]]) {
        expect(spec.validators.validate('#/components/schemas/AttendanceSchedule', { ...schedule, scheduleEntries }).errors).to.deep.equal([])
      }
      // Still a schema: an entry without its required dayOfWeek is refused.
      const { dayOfWeek: _d, ...noDay } = entry
      expect(spec.validators.validate('#/components/schemas/AttendanceSchedule', { ...schedule, scheduleEntries: [noDay] }).valid).to.equal(false)
    },
    'SS12000-2.1-E6': async () => {
      // A server reading parent as "the organisations named" answers parent=X with X itself.
      const named: Rewrite = async (url, _body, get) => {
        const parent = url.searchParams.get('parent')
        return url.pathname.endsWith('/organisations') && parent ? { data: [await get(`/organisations/${parent}`)], pageToken: null } : undefined
      }
      const ok = await runThrough(server, named, 'API-FILTER-010')
      const org = ok.find((r) => r.name === 'API-FILTER-010 [GET /organisations]')
      expect(org?.status, JSON.stringify(org?.failures)).to.equal('pass')
      expect(org?.notes.join(' ')).to.contain('the organisation X itself')
      // Control: an answer holding X and its children follows neither reading.
      const mixed: Rewrite = async (url, body, get) => {
        const parent = url.searchParams.get('parent')
        return url.pathname.endsWith('/organisations') && parent ? { ...body, data: [await get(`/organisations/${parent}`), ...body.data] } : undefined
      }
      expect(status(await runThrough(server, mixed, 'API-FILTER-010'), 'API-FILTER-010 [GET /organisations]')).to.equal('fail')
    },
    'SS12000-2.1-E7': async () => {
      // A server reading absences' .onOrAfter as "Exkluderande" leaves out the record exactly at the bound.
      const ok = await runThrough(server, exclusiveAt('/absences', ['startTime.onOrAfter', 'endTime.onOrAfter']), 'API-FILTER-007')
      expect(status(ok, 'API-FILTER-007 [GET /absences]')).to.equal('pass')
      // Control: the same behaviour on a list whose .onOrAfter is inclusive by every reading fails.
      const bad = await runThrough(server, exclusiveAt('/activities', ['startDate.onOrAfter']), 'API-FILTER-007')
      expect(status(bad, 'API-FILTER-007 [GET /activities]')).to.equal('fail')
    },
  }

  it('has a case for every erratum the validators apply, and no other', function () {
    expect(spec.validators.errata.map((e) => e.id)).to.deep.equal(Object.keys(CASES))
  })

  for (const [id, body] of Object.entries(CASES)) {
    it(`${id}: a server that follows the erratum's reading is not failed for it`, async function () {
      await body()
    })
  }

  it('lists every erratum applied in results.json, the HTML report (en, sv) and JUnit', async function () {
    const run = await runBuiltIn({ checkIds: ['API-CAPABILITY-001'] })
    expect(run.spec.errata.map((e) => e.id)).to.deep.equal(Object.keys(CASES))
    const [en, sv, junit] = [renderHtml(run, 'en'), renderHtml(run, 'sv'), renderJunit(run)]
    for (const e of run.spec.errata) {
      expect(en, e.id).to.contain(e.id)
      expect(sv, e.id).to.contain(e.id)
      expect(junit, e.id).to.contain(e.id)
      expect(en, e.id).to.contain(e.text.en.slice(0, 30))
      expect(sv, e.id).to.contain(e.text.sv.slice(0, 30))
    }
  })
})
