// Waivers (--waivers FILE on run and report render): a waived failure is shown as waived in results.json, HTML and
// JUnit (skipped, with the reason) and does not decide the verdict; an expired waiver fails again and says so; an
// unused waiver is reported.

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import type { RunResult } from '../../src/core/result.js'
import { KonformError } from '../../src/errors.js'
import { applyWaivers, parseWaivers } from '../../src/report/evidence.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { validateJunit } from '../helpers/junit-xsd.js'
import { sampleRun } from '../helpers/sample-run.js'

const file = async (text: string): Promise<string> => {
  const f = path.join(await tmpdir(), 'waivers.yaml')
  await writeFile(f, text)
  return f
}

describe('waivers', function () {
  this.timeout(90_000)

  describe('parseWaivers and applyWaivers', () => {
    it('reads a YAML list with dates quoted or not, and refuses malformed entries with one line', () => {
      expect(parseWaivers([{ check: 'API-PAGING-002', reason: 'fix in 3.3', expires: new Date('2030-01-31T00:00:00Z') }])).to.deep.equal([
        { check: 'API-PAGING-002', reason: 'fix in 3.3', expires: '2030-01-31' },
      ])
      expect(parseWaivers({ waivers: [{ check: 'X', operation: 'GET /persons', reason: 'r', expires: '2030-01-31', by: 'Kim' }] })[0]).to.include({ operation: 'GET /persons', by: 'Kim' })
      const bad: [unknown, RegExp][] = [
        [{ check: 'X' }, /expected a list of waivers/],
        [[{ check: 'X', expires: '2030-01-01' }], /waiver 1 \(X\): needs a reason/],
        [[{ check: 'X', reason: 'r', expires: '31/1/2030' }], /expires must be a date YYYY-MM-DD/],
        [[{ check: 'X', reason: 'r', expires: '2030-01-01', until: 'x' }], /unknown key "until"/],
        [[{ reason: 'r', expires: '2030-01-01' }], /needs a check id/],
      ]
      for (const [value, message] of bad) {
        expect(() => parseWaivers(value, 'w.yaml')).to.throw(KonformError, message)
      }
    })

    it('marks waived and expired results, reports each waiver applied, expired or unused, and recomputes the verdict', () => {
      const run = sampleRun()
      const failing = run.results.filter((r) => r.severity === 'must' && (r.status === 'fail' || r.status === 'error'))
      expect(failing.length).to.be.greaterThan(0)
      expect(run.verdict.passed).to.equal(false)
      const all = failing.map((r) => ({ check: r.checkId, ...(r.operation ? { operation: r.operation } : {}), reason: 'known', expires: '2030-06-30' }))
      const waived = applyWaivers(run, [...all, { check: 'API-NOTHING-001', reason: 'stale', expires: '2030-06-30' }], '2030-06-30')
      expect(waived.verdict.passed).to.equal(true)
      expect(waived.verdict.rule.en).to.match(/waiver that has not expired/)
      expect(waived.summary.waived).to.equal(failing.length)
      expect(waived.summary.fail + waived.summary.error).to.equal(run.summary.fail + run.summary.error) // statuses stay
      expect(waived.waivers?.map((w) => w.state)).to.deep.equal([...failing.map(() => 'applied'), 'unused'])
      const expired = applyWaivers(run, all, '2030-07-01')
      expect(expired.verdict.passed).to.equal(false)
      expect(expired.waivers?.every((w) => w.state === 'expired')).to.equal(true)
      expect(expired.results.filter((r) => r.waiver).every((r) => r.waiver!.expired)).to.equal(true)
      const none = applyWaivers(waived, [], '2030-06-30')
      expect(none.results.some((r) => r.waiver)).to.equal(false)
      expect(none.waivers).to.equal(undefined)
      expect(none.verdict).to.deep.equal(run.verdict)
    })
  })

  describe('konform run --waivers', () => {
    let out = ''
    let code: number | null = null
    let stdout = ''
    let run: RunResult
    before(async () => {
      out = await tmpdir()
      const waivers = await file(`# known failures of release 3.2
- check: API-PAGING-002
  reason: limit is ignored; fixed in 3.3 (ticket 1234)
  expires: 2099-12-31
  by: Kim Granskare
- check: API-ITEM-002
  operation: GET /persons/{id}
  reason: nothing fails here any more
  expires: "2099-12-31"
`)
      const r = await konform(['run', '--out', out, '--lang', 'en', '--suite', 'api', '--fault', 'paging.ignore-limit', '--waivers', waivers])
      code = r.code
      stdout = r.stdout
      run = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'))
    })

    it('exits 0 when every must-failure is waived; the failures keep their status and carry the waiver', () => {
      expect(code, stdout).to.equal(0)
      const failed = run.results.filter((r) => r.status === 'fail')
      expect(failed.map((r) => r.name)).to.deep.equal(['API-PAGING-002 [GET /organisations]', 'API-PAGING-002 [GET /persons]'])
      for (const r of failed) expect(r.waiver).to.deep.equal({ reason: 'limit is ignored; fixed in 3.3 (ticket 1234)', expires: '2099-12-31', by: 'Kim Granskare', expired: false })
      expect(run.summary.waived).to.equal(2)
      expect(run.verdict.passed).to.equal(true)
      expect(stdout).to.match(/API-PAGING-002 \[GET \/persons\]\s+must\s+FAIL \(WAIVED\)/)
      expect(stdout).to.contain('waiver for API-ITEM-002 [GET /persons/{id}]: unused, no failing result matched')
    })

    it('reports the unused waiver in results.json and the HTML', async () => {
      expect(run.waivers?.map((w) => [w.check, w.state, w.results.length])).to.deep.equal([
        ['API-PAGING-002', 'applied', 2],
        ['API-ITEM-002', 'unused', 0],
      ])
      const html = await readFile(path.join(out, 'report.html'), 'utf8')
      expect(html).to.contain('<tr class="waiver-unused"><td><code>API-ITEM-002 [GET /persons/{id}]</code>')
      expect(html).to.contain('<span class="badge waived">Waived</span> <code>API-PAGING-002 [GET /persons]</code>')
      expect(html).to.contain('<strong>Waiver:</strong> limit is ignored; fixed in 3.3 (ticket 1234) (until 2099-12-31, Kim Granskare)')
      expect(html).to.contain('<p class="verdict yes" id="verdict">')
    })

    it('junit.xml: a waived failure is skipped with the reason, the finding stays in system-out; XSD-valid', async () => {
      const junit = await readFile(path.join(out, 'junit.xml'), 'utf8')
      const xsd = await validateJunit(junit)
      expect(xsd.valid, JSON.stringify(xsd.errors)).to.equal(true)
      const c = /<testcase name="API-PAGING-002 \[GET \/persons\][^>]*>([\s\S]*?)<\/testcase>/.exec(junit)?.[1] ?? ''
      expect(c).to.contain('<skipped message="waived until 2099-12-31 by Kim Granskare: limit is ignored; fixed in 3.3 (ticket 1234)"/>')
      expect(c).to.not.contain('<failure')
      expect(c).to.contain('Waived finding:')
      expect(junit).to.not.contain('<failure')
      expect(junit).to.match(/<testsuite name="konform\.api" tests="\d+" failures="0" errors="0" skipped="4"/)
    })

    it('an expired waiver fails again (exit 1) and is reported as expired; report render --waivers applies a new file', async () => {
      const dir = await tmpdir()
      const old = await file('- {check: API-PAGING-002, reason: was to be fixed in 3.1, expires: 2020-01-31}\n')
      const r = await konform(['run', '--out', dir, '--lang', 'en', '--suite', 'api', '--fault', 'paging.ignore-limit', '--waivers', old])
      expect(r.code).to.equal(1)
      expect(r.stdout).to.contain('waiver for API-PAGING-002: expired 2020-01-31, counts as a failure')
      expect(r.stdout).to.match(/API-PAGING-002 \[GET \/persons\]\s+must\s+FAIL \(WAIVER EXPIRED\)/)
      const expired = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult
      expect(expired.verdict.passed).to.equal(false)
      expect(expired.waivers?.[0]).to.include({ state: 'expired' })
      const junit = await readFile(path.join(dir, 'junit.xml'), 'utf8')
      expect(junit.match(/<failure /g)?.length).to.equal(2)
      expect(junit).to.contain('Waiver: EXPIRED, counts as a failure; until 2020-01-31')
      const html = await readFile(path.join(dir, 'report.html'), 'utf8')
      expect(html).to.contain('EXPIRED: counts as a failure')

      const renewed = await file('- {check: API-PAGING-002, reason: renewed, expires: 2099-01-31}\n')
      const again = path.join(await tmpdir(), 'renewed')
      const rr = await konform(['report', 'render', path.join(dir, 'results.json'), '--out', again, '--waivers', renewed])
      expect(rr.code, rr.stderr).to.equal(0)
      const re = JSON.parse(await readFile(path.join(again, 'results.json'), 'utf8')) as RunResult
      expect(re.verdict.passed).to.equal(true)
      expect(re.waivers?.[0]).to.include({ reason: 'renewed', state: 'applied' })
    })

    it('a malformed waivers file is a usage error: one line, exit 2, before any check runs', async () => {
      const bad = await file('- {check: API-PAGING-002, expires: 2099-01-31}\n')
      const r = await konform(['run', '--out', await tmpdir(), '--waivers', bad])
      expect(r.code).to.equal(2)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
      expect(r.stderr.trim()).to.match(/^konform: error: .*waivers\.yaml: waiver 1 \(API-PAGING-002\): needs a reason$/)
    })
  })
})
