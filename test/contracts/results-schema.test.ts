// results.json against results.schema.json: the schema compiles under Ajv strict mode, matches result.ts field for
// field (checked at compile time below), accepts the sample and rejects mutations with a one-line message.

import { expect } from 'chai'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  About,
  WaiverMark,
  WaiverUse,
  Erratum,
  Bilingual,
  CheckResult,
  Exchange,
  Failure,
  NotTested,
  RequirementInfo,
  RunResult,
  Summary,
} from '../../src/core/result.js'
import { writeReports } from '../../src/report/index.js'
import { parseResults, renderJson, RESULTS_SCHEMA, validateResults } from '../../src/report/json.js'
import { sampleRun } from '../helpers/sample-run.js'

const addFormats = addFormatsModule.default

// ---- result.ts ↔ schema, field for field --------------------------------------------------------------------------
// Each literal below must list exactly the keys of its type, marked required/optional as the type has them, in the
// model's order; TypeScript rejects a missing, extra or wrongly marked key. The test then compares with the schema.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Shape<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? 'optional' : 'required' }

const runShape: Shape<RunResult> = {
  schemaVersion: 'required', runId: 'required', report: 'optional', tool: 'required', spec: 'required', target: 'required',
  profile: 'required', profileSha256: 'optional', about: 'optional', suites: 'required', startedAt: 'required',
  finishedAt: 'required', durationMs: 'required', clock: 'optional', limits: 'required', verdict: 'required',
  summary: 'required', requirements: 'required', redaction: 'required', evidenceMode: 'optional', reproduce: 'optional',
  deviations: 'optional', waivers: 'optional', validity: 'optional', results: 'required', notTested: 'optional',
}
const notTestedShape: Shape<NotTested> = { id: 'required', basis: 'required', title: 'required', reason: 'required' }
const toolShape: Shape<RunResult['tool']> = {
  name: 'required', version: 'required', node: 'required', commit: 'optional', catalogueSha256: 'optional', platform: 'optional',
}
const aboutShape: Shape<About> = {
  vendor: 'optional', product: 'optional', version: 'optional', tenant: 'optional', capabilities: 'optional',
  configuration: 'optional', testedBy: 'optional', customer: 'optional', organisation: 'optional', signer: 'optional',
}
const waiverUseShape: Shape<WaiverUse> = {
  check: 'required', operation: 'optional', reason: 'required', expires: 'required', by: 'optional', state: 'required', results: 'required',
}
const waiverMarkShape: Shape<WaiverMark> = { reason: 'required', expires: 'required', by: 'optional', expired: 'required' }
const specShape: Shape<RunResult['spec']> = { title: 'required', version: 'required', sha256: 'required', file: 'required', errata: 'required' }
const erratumShape: Shape<Erratum> = { id: 'required', pointer: 'required', text: 'required' }
const targetShape: Shape<RunResult['target']> = { url: 'required', builtIn: 'required', faults: 'required' }
const limitsShape: Shape<RunResult['limits']> = {
  concurrency: 'required', requestTimeoutMs: 'required', checkTimeoutMs: 'required', maxResponseBytes: 'required',
  ratePerSecond: 'required', allowWrites: 'required',
}
const verdictShape: Shape<RunResult['verdict']> = { passed: 'required', rule: 'required' }
const redactionShape: Shape<RunResult['redaction']> = { secrets: 'required', personalData: 'required', rules: 'optional' }
const summaryShape: Shape<Summary> = {
  total: 'required', pass: 'required', fail: 'required', skip: 'required', error: 'required', waived: 'optional', bySeverity: 'required',
}
const bySeverityShape: Shape<Summary['bySeverity']> = { must: 'required', should: 'required', may: 'required' }
const countsShape: Shape<Summary['bySeverity']['must']> = {
  total: 'required', pass: 'required', fail: 'required', skip: 'required', error: 'required',
}
const bilingualShape: Shape<Bilingual> = { en: 'required', sv: 'required' }
const requirementShape: Shape<RequirementInfo> = {
  ref: 'required', standard: 'required', section: 'required', text: 'required', url: 'optional',
}
const exchangeShape: Shape<Exchange> = {
  id: 'required', startedAt: 'required', durationMs: 'required', request: 'required', response: 'optional',
  error: 'optional',
}
const requestShape: Shape<Exchange['request']> = { method: 'required', url: 'required', headers: 'required', body: 'optional' }
const responseShape: Shape<NonNullable<Exchange['response']>> = {
  status: 'required', headers: 'required', body: 'optional', bodyBytes: 'required', truncated: 'required',
}
const failureShape: Shape<Failure> = { message: 'required', expected: 'optional', actual: 'optional', evidence: 'required', sv: 'optional' }
const checkShape: Shape<CheckResult> = {
  name: 'required', checkId: 'required', operation: 'optional', suite: 'required', title: 'required',
  requirements: 'required', severity: 'required', status: 'required', reason: 'optional', reasonSv: 'optional', failures: 'required',
  notes: 'required', notesSv: 'optional', evidence: 'required', startedAt: 'required', durationMs: 'required', waiver: 'optional',
}

interface Node {
  properties?: Record<string, Node>
  required?: string[]
  additionalProperties?: unknown
  $ref?: string
}
const root = RESULTS_SCHEMA as unknown as Node & { definitions: Record<string, Node> }
const def = (name: string): Node => root.definitions[name]
const prop = (n: Node, key: string): Node => {
  const p = n.properties?.[key] ?? {}
  return p.$ref ? def(p.$ref.replace('#/definitions/', '')) : p
}

const closedObjects: [string, Node, Record<string, 'required' | 'optional'>][] = [
  ['RunResult', root, runShape],
  ['tool', prop(root, 'tool'), toolShape],
  ['spec', prop(root, 'spec'), specShape],
  ['Erratum', def('erratum'), erratumShape],
  ['target', prop(root, 'target'), targetShape],
  ['limits', prop(root, 'limits'), limitsShape],
  ['verdict', prop(root, 'verdict'), verdictShape],
  ['redaction', prop(root, 'redaction'), redactionShape],
  ['Summary', prop(root, 'summary'), summaryShape],
  ['bySeverity', prop(prop(root, 'summary'), 'bySeverity'), bySeverityShape],
  ['counts', def('counts'), countsShape],
  ['Bilingual', def('bilingual'), bilingualShape],
  ['RequirementInfo', def('requirement'), requirementShape],
  ['Exchange', def('exchange'), exchangeShape],
  ['request', prop(def('exchange'), 'request'), requestShape],
  ['response', prop(def('exchange'), 'response'), responseShape],
  ['Failure', def('failure'), failureShape],
  ['CheckResult', def('checkResult'), checkShape],
  ['About', def('about'), aboutShape],
  ['WaiverUse', def('waiverUse'), waiverUseShape],
  ['WaiverMark', prop(def('checkResult'), 'waiver'), waiverMarkShape],
  ['NotTested', (prop(root, 'notTested') as { items: Node }).items, notTestedShape],
]

describe('results.json contract (results.schema.json)', () => {
  const run = sampleRun()

  it('compiles under Ajv strict mode (draft-07, with ajv-formats)', () => {
    const ajv = new Ajv({ strict: true, allErrors: true })
    addFormats(ajv)
    expect(() => ajv.compile(RESULTS_SCHEMA)).to.not.throw()
    expect(RESULTS_SCHEMA.$schema).to.equal('http://json-schema.org/draft-07/schema#')
  })

  for (const [name, node, shape] of closedObjects) {
    it(`matches result.ts for ${name}: same keys in model order, same required set, closed`, () => {
      expect(Object.keys(node.properties ?? {})).to.deep.equal(Object.keys(shape))
      const required = Object.entries(shape).filter(([, v]) => v === 'required').map(([k]) => k)
      expect([...(node.required ?? [])].sort()).to.deep.equal(required.sort())
      expect(node.additionalProperties).to.equal(false)
    })
  }

  it('accepts the sample run and round-trips it through renderJson/parseResults unchanged', () => {
    expect(validateResults(run)).to.equal(undefined)
    expect(parseResults(renderJson(run))).to.deep.equal(run)
  })

  it('still reads a schemaVersion 1.0 document (1.1 only added optional members)', () => {
    const old = JSON.parse(renderJson(run)) as Record<string, any>
    old.schemaVersion = '1.0'
    for (const k of ['report', 'about', 'profileSha256', 'clock', 'evidenceMode', 'reproduce', 'deviations', 'waivers', 'validity', 'notTested']) delete old[k]
    expect(validateResults(old)).to.equal(undefined)
  })

  it('still reads a schemaVersion 1.1 document (1.2 only added the Swedish texts sv, reasonSv and notesSv)', () => {
    const old = JSON.parse(renderJson(run)) as Record<string, any>
    old.schemaVersion = '1.1'
    for (const r of old.results) {
      delete r.reasonSv
      delete r.notesSv
      for (const f of r.failures) delete f.sv
    }
    if (old.deviations) delete old.deviations.notTestedWhy
    expect(validateResults(old)).to.equal(undefined)
    expect(parseResults(JSON.stringify(old)).results.length).to.equal(run.results.length)
  })

  const mutations: [string, (r: Record<string, any>) => void, RegExp][] = [
    ['an unknown status', (r) => (r.results[0].status = 'passed'), /\/results\/0\/status .*allowed values/],
    ['an extra property on a check', (r) => (r.results[1].extra = 1), /\/results\/1 .*additional properties.*"extra"/],
    ['a missing runId', (r) => delete r.runId, /must have required property 'runId'/],
    ['a missing severity row', (r) => delete r.summary.bySeverity.may, /bySeverity .*'may'/],
    ['a status code as text', (r) => (r.results[0].evidence[0].response.status = '200'), /status must be integer/],
    ['a non-date startedAt', (r) => (r.startedAt = 'yesterday'), /\/startedAt must match format "date-time"/],
    ['a header that is not a string', (r) => (r.results[0].evidence[0].request.headers.accept = 1), /headers\/accept must be string/],
    ['another schema version', (r) => (r.schemaVersion = '2.0'), /schemaVersion is "2.0"; this konform reads 1\.0, 1\.1 and 1\.2/],
    ['a wrong tool name', (r) => (r.tool.name = 'other'), /\/tool\/name must be equal to constant/],
  ]
  for (const [what, mutate, message] of mutations) {
    it(`rejects ${what} with a one-line message`, () => {
      const bad = JSON.parse(renderJson(run)) as Record<string, any>
      mutate(bad)
      expect(validateResults(bad)).to.be.a('string')
      let err: unknown
      try {
        parseResults(JSON.stringify(bad))
      } catch (e) {
        err = e
      }
      expect(err).to.be.instanceOf(Error)
      const msg = (err as Error).message
      expect(msg).to.match(/^results\.json /)
      expect(msg).to.match(message)
      expect(msg).to.not.include('\n')
    })
  }

  it('rejects text that is not JSON with a one-line message', () => {
    expect(() => parseResults('{"runId": ')).to.throw(Error, /^results\.json is not valid JSON: [^\n]+$/)
  })

  it('writes keys in model order whatever order the run was built in; 2-space indent and a final newline', () => {
    const reversed = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reversed)
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
      return v
    }
    const text = renderJson(reversed(run) as typeof run)
    // records (requirements, headers) keep their own order; reverse them back before comparing
    const back = parseResults(text)
    back.requirements = Object.fromEntries(Object.entries(back.requirements).reverse())
    for (const r of back.results) {
      for (const x of r.evidence) {
        x.request.headers = Object.fromEntries(Object.entries(x.request.headers).reverse())
        if (x.response) x.response.headers = Object.fromEntries(Object.entries(x.response.headers).reverse())
      }
    }
    expect(renderJson(back)).to.equal(renderJson(run))
    expect(Object.keys(JSON.parse(text) as object)).to.deep.equal(Object.keys(runShape).filter((k) => k in run))
    expect(Object.keys((JSON.parse(text) as RunResult).results[1])).to.deep.equal(
      Object.keys(checkShape).filter((k) => k in run.results[1]),
    )
    expect(text.endsWith('}\n')).to.equal(true)
    expect(text.split('\n')[1]).to.equal('  "schemaVersion": "1.2",')
  })

  it('writeReports creates the folder and writes results.json, junit.xml and report.html', async () => {
    const base = await mkdtemp(join(tmpdir(), 'konform-report-'))
    try {
      const dir = join(base, 'nested', 'reports')
      const paths = await writeReports(run, dir, 'sv')
      expect(paths).to.deep.equal({
        json: join(dir, 'results.json'),
        junit: join(dir, 'junit.xml'),
        html: join(dir, 'report.html'),
        sums: join(dir, 'SHA256SUMS'),
      })
      expect(parseResults(await readFile(paths.json, 'utf8'))).to.deep.equal(run)
      expect(await readFile(paths.junit, 'utf8')).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
      expect(await readFile(paths.html, 'utf8')).to.include('<html lang="sv">')
    } finally {
      await rm(base, { recursive: true, force: true })
    }
  })
})
