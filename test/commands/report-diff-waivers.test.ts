// konform report diff and waivers (issue #7): a failure that B's run waived is not a new failure. It is listed as
// waived (text and --json), does not make B worse, and an expired waiver fails again like any failure.

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import type { CheckResult } from '../../src/core/result.js'
import { diffRuns, renderDiffText } from '../../src/report/diff.js'
import { writeReports } from '../../src/report/index.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { sampleResults, sampleRun } from '../helpers/sample-run.js'

/** The sample results with API-DISCOVERY-001 (a must-check that passes in the sample) failing. */
function broken(): CheckResult[] {
  const rs = sampleResults()
  const r = rs.find((x) => x.name === 'API-DISCOVERY-001')!
  Object.assign(r, { status: 'fail', failures: [{ message: 'GET /organisations answered 500', evidence: [] }] })
  return rs
}
const waiver = (expired: boolean) => ({ reason: 'known outage, ticket 42', expires: expired ? '2025-01-31' : '2099-12-31', expired })

describe('report diff with waivers', function () {
  this.timeout(60_000)

  it('a failure waived in B is listed as waived, not newly failing, and B is not worse', () => {
    const rs = broken()
    rs.find((x) => x.name === 'API-DISCOVERY-001')!.waiver = waiver(false)
    const d = diffRuns(sampleRun(), sampleRun(rs))
    expect(d.newlyFailing).to.deep.equal([])
    expect(d.waived.map((c) => c.name)).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.waived[0].after).to.deep.equal({ status: 'fail', severity: 'must', waiver: waiver(false) })
    expect(d.worse).to.equal(false)
    const lines = renderDiffText(d, 'en').split('\n')
    expect(lines).to.include('WAIVED         API-DISCOVERY-001  must  pass → fail  (waived until 2099-12-31: known outage, ticket 42)')
    expect(lines[lines.length - 1]).to.match(/^0 newly failing, 1 waived, .*nothing got worse$/)
    const sv = renderDiffText(d, 'sv')
    expect(sv).to.contain('UNDANTAGEN       API-DISCOVERY-001  skall  godkänd → underkänd  (undantag t.o.m. 2099-12-31: known outage, ticket 42)')
    expect(sv).to.match(/0 nya fel, 1 undantagna, .*inget blev sämre$/)
  })

  it('an expired waiver fails again: newly failing, marked expired, B worse', () => {
    const rs = broken()
    rs.find((x) => x.name === 'API-DISCOVERY-001')!.waiver = waiver(true)
    const d = diffRuns(sampleRun(), sampleRun(rs))
    expect(d.waived).to.deep.equal([])
    expect(d.newlyFailing.map((c) => c.name)).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.worse).to.equal(true)
    expect(renderDiffText(d, 'en')).to.contain('NEWLY FAILING  API-DISCOVERY-001  must  pass → fail  (waiver expired 2025-01-31)')
  })

  it('an added result that fails under a waiver is waived, not worse; a failure still failing shows its waiver', () => {
    const a = sampleResults().filter((x) => x.name !== 'API-DISCOVERY-001')
    const rs = broken()
    rs.find((x) => x.name === 'API-DISCOVERY-001')!.waiver = waiver(false)
    const still = rs.find((x) => x.status === 'fail' && x.name !== 'API-DISCOVERY-001')!
    still.waiver = waiver(false)
    const d = diffRuns(sampleRun(a), sampleRun(rs))
    expect(d.added.map((c) => c.name)).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.waived.map((c) => c.name)).to.deep.equal(['API-DISCOVERY-001'])
    expect(d.worse).to.equal(false)
    const text = renderDiffText(d, 'en')
    expect(text).to.contain('WAIVED         API-DISCOVERY-001  must  new, fail  (waived until 2099-12-31: known outage, ticket 42)')
    expect(text).to.match(new RegExp(`STILL FAILING  ${still.name.replace(/[[\]]/g, '\\$&')}  \\w+  fail → fail  \\(waived until 2099-12-31`))
  })

  it('from the CLI: report render --waivers makes B, report diff says waived in text and --json, exit 0', async () => {
    const dirA = await tmpdir()
    await writeReports(sampleRun(), dirA, 'en')
    const raw = await tmpdir()
    await writeReports(sampleRun(broken()), raw, 'en')
    const waivers = path.join(raw, 'waivers.yaml')
    await writeFile(waivers, '- check: API-DISCOVERY-001\n  reason: known outage, ticket 42\n  expires: 2099-12-31\n')
    const dirB = path.join(await tmpdir(), 'b')
    const rr = await konform(['report', 'render', path.join(raw, 'results.json'), '--waivers', waivers, '--out', dirB, '--lang', 'en'])
    expect(rr.code, rr.stderr).to.be.oneOf([0, 1])
    const b = JSON.parse(await readFile(path.join(dirB, 'results.json'), 'utf8'))
    expect(b.results.find((r: CheckResult) => r.name === 'API-DISCOVERY-001').waiver.expired).to.equal(false)

    const text = await konform(['report', 'diff', path.join(dirA, 'results.json'), path.join(dirB, 'results.json'), '--lang', 'en'])
    expect(text.code, text.stdout + text.stderr).to.equal(0)
    expect(text.stdout).to.contain('WAIVED         API-DISCOVERY-001  must  pass → fail  (waived until 2099-12-31: known outage, ticket 42)')
    expect(text.stdout).to.not.contain('NEWLY FAILING')
    const json = await konform(['report', 'diff', path.join(dirA, 'results.json'), path.join(dirB, 'results.json'), '--json'])
    expect(json.code, json.stderr).to.equal(0)
    const d = JSON.parse(json.stdout)
    expect(d.newlyFailing).to.deep.equal([])
    expect(d.waived[0]).to.deep.include({ name: 'API-DISCOVERY-001' })
    expect(d.waived[0].after.waiver).to.deep.equal({ reason: 'known outage, ticket 42', expires: '2099-12-31', expired: false })
    // the same failure without the waiver is new: exit 1
    const unwaived = await konform(['report', 'diff', path.join(dirA, 'results.json'), path.join(raw, 'results.json'), '--lang', 'en'])
    expect(unwaived.code).to.equal(1)
    expect(unwaived.stdout).to.contain('NEWLY FAILING  API-DISCOVERY-001  must  pass → fail')
  })
})
