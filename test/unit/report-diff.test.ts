import { expect } from 'chai'
import type { CheckResult } from '../../src/core/result.js'
import { diffRuns, renderDiffText } from '../../src/report/diff.js'
import { sampleResults, sampleRun } from '../helpers/sample-run.js'

const names = (xs: { name: string }[]) => xs.map((x) => x.name)

/** Run B: the sample run after a vendor release that broke one check, fixed another, dropped one and added one. */
function laterResults(): CheckResult[] {
  const rs = sampleResults()
  const byName = (n: string) => rs.find((r) => r.name === n)!
  byName('API-DISCOVERY-001').status = 'fail' // pass -> fail
  byName('API-DISCOVERY-001').failures = [{ message: 'GET /organisations answered 500', evidence: [] }]
  Object.assign(byName('API-PAGING-001 [GET /persons]'), { status: 'pass', failures: [] }) // fail -> pass
  byName('API-SCHEMA-001 [GET /persons]').severity = 'must' // should -> must, still pass
  byName('AUTH-MTLS-001').status = 'pass' // skip -> pass
  delete byName('AUTH-MTLS-001').reason
  const removed = rs.findIndex((r) => r.name === 'AUTH-RS-001')
  rs.splice(removed, 1)
  rs.push({ ...structuredClone(byName('API-SCHEMA-001 [GET /persons]')), name: 'API-SCHEMA-001 [GET /duties]', operation: 'GET /duties', severity: 'should' })
  return rs
}

describe('report diff: diffRuns', () => {
  it('sorts every change into newly failing, fixed, still failing, status, added, removed and severity', () => {
    const d = diffRuns(sampleRun(), sampleRun(laterResults()))
    expect(names(d.newlyFailing)).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.newlyFailing[0]).to.deep.include({ before: { status: 'pass', severity: 'must' }, after: { status: 'fail', severity: 'must' } })
    expect(names(d.fixed)).to.deep.equal(['API-PAGING-001 [GET /persons]'])
    expect(names(d.stillFailing)).to.deep.equal(['API-SCHEMA-001 [GET /groups]', 'AUTH-HEADERS-002'])
    expect(names(d.statusChanged)).to.deep.equal(['AUTH-MTLS-001'])
    expect(names(d.added)).to.deep.equal(['API-SCHEMA-001 [GET /duties]'])
    expect(d.added[0].after).to.deep.equal({ status: 'pass', severity: 'should' })
    expect(d.added[0].before).to.equal(undefined)
    expect(names(d.removed)).to.deep.equal(['AUTH-RS-001'])
    expect(d.removed[0].before).to.deep.equal({ status: 'pass', severity: 'must' })
    expect(names(d.severityChanged)).to.deep.equal(['API-SCHEMA-001 [GET /persons]'])
    expect(d.worse).to.equal(true)
    expect(d.comparable).to.equal(true)
    expect(d.differs).to.deep.equal({ spec: false, profile: false, tool: false, target: false })
  })

  it('finds nothing worse between a run and itself', () => {
    const d = diffRuns(sampleRun(), sampleRun())
    expect(d.worse).to.equal(false)
    for (const k of ['newlyFailing', 'fixed', 'statusChanged', 'added', 'removed', 'severityChanged'] as const) expect(d[k], k).to.deep.equal([])
    expect(d.stillFailing).to.have.length(3)
  })

  it('counts a fix alone as not worse, and a failing added result as worse', () => {
    const fixed = sampleResults().map((r) => (r.status === 'fail' || r.status === 'error' ? { ...r, status: 'pass' as const, failures: [] } : r))
    expect(diffRuns(sampleRun(), sampleRun(fixed)).worse).to.equal(false)
    const withNewFailure = [...sampleResults(), { ...sampleResults()[1], name: 'API-PAGING-001 [GET /groups]', severity: 'may' as const }]
    const d = diffRuns(sampleRun(), sampleRun(withNewFailure))
    expect(names(d.added)).to.deep.equal(['API-PAGING-001 [GET /groups]'])
    expect(d.newlyFailing).to.deep.equal([])
    expect(d.worse).to.equal(true)
  })

  it('counts a verdict that went from passed to failed as worse even without a newly failing result', () => {
    const passing = sampleResults().map((r) => (r.severity === 'must' && r.status === 'fail' ? { ...r, severity: 'should' as const } : r))
    const a = sampleRun(passing)
    expect(a.verdict.passed).to.equal(true)
    const d = diffRuns(a, sampleRun()) // the same statuses; the paging check is must again
    expect(d.newlyFailing).to.deep.equal([])
    expect(names(d.severityChanged)).to.deep.equal(['API-PAGING-001 [GET /persons]'])
    expect(d.worse).to.equal(true)
  })

  it('flags runs against different spec documents, profiles, tool versions and targets', () => {
    const b = sampleRun()
    b.spec.sha256 = 'b'.repeat(64)
    b.profile = 'skolverket-dnp'
    b.tool.version = '0.2.0'
    b.target.url = 'https://other.example.se/v2.0'
    const d = diffRuns(sampleRun(), b)
    expect(d.differs).to.deep.equal({ spec: true, profile: true, tool: true, target: true })
    expect(d.comparable).to.equal(false)
    const text = renderDiffText(d, 'en')
    expect(text).to.contain(`WARNING: the runs used different spec documents (sha256 ${sampleRun().spec.sha256} and ${'b'.repeat(64)})`)
    expect(text).to.contain('WARNING: the runs used different profiles (core and skolverket-dnp)')
    expect(renderDiffText(d, 'sv')).to.contain('VARNING: körningarna använde olika specifikationsdokument')
    const sameSpec = sampleRun()
    sameSpec.tool.version = '0.2.0'
    expect(diffRuns(sampleRun(), sameSpec).comparable).to.equal(true)
  })

  it('lists duplicate names and compares only the first', () => {
    const rs = sampleResults()
    rs.push({ ...rs[0], status: 'fail' })
    const d = diffRuns(sampleRun(), sampleRun(rs))
    expect(d.duplicateNames).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.newlyFailing).to.deep.equal([])
  })
})

describe('report diff: renderDiffText', () => {
  it('writes one line per change, then a count line', () => {
    const text = renderDiffText(diffRuns(sampleRun(), sampleRun(laterResults())), 'en')
    const lines = text.split('\n')
    expect(lines[0]).to.match(/^A 2025-03-04T090000Z-7f3a9c .* profile core, https:\/\/sis\.example\.se\/ss12000\/v2: failed$/)
    expect(lines).to.include('NEWLY FAILING  API-DISCOVERY-001  must  pass → fail')
    expect(lines).to.include('FIXED          API-PAGING-001 [GET /persons]  must  fail → pass')
    expect(lines).to.include('STILL FAILING  AUTH-HEADERS-002  should  fail → fail')
    expect(lines).to.include('STATUS         AUTH-MTLS-001  may  skip → pass')
    expect(lines).to.include('ADDED          API-SCHEMA-001 [GET /duties]  should  pass')
    expect(lines).to.include('REMOVED        AUTH-RS-001  must  was pass')
    expect(lines).to.include('SEVERITY       API-SCHEMA-001 [GET /persons]  should → must  pass')
    expect(lines[lines.length - 1]).to.equal(
      '1 newly failing, 0 waived, 1 fixed, 2 still failing, 1 other status changes, 1 added, 1 removed, 1 severity changes; B is worse than A',
    )
    expect(lines).to.have.length(2 + 8 + 1)
  })

  it('speaks Swedish and keeps control characters from an edited results.json off the terminal', () => {
    const rs = sampleResults()
    rs[0].name = 'API-DISCOVERY-001\u001b[2J\nfake line'
    rs[0].status = 'error'
    const text = renderDiffText(diffRuns(sampleRun(), sampleRun(rs)), 'sv')
    expect(text).to.not.match(/\u001b/)
    expect(text).to.contain('TILLKOMMEN       API-DISCOVERY-001 [2J fake line  skall  fel')
    expect(text).to.contain('BORTTAGEN        API-DISCOVERY-001  skall  var godkänd')
    expect(text).to.match(/B är sämre än A$/)
  })
})
