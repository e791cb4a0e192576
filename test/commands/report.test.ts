import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { writeReports } from '../../src/report/index.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { sampleResults, sampleRun } from '../helpers/sample-run.js'

describe('konform report', function () {
  this.timeout(60_000)

  let dirA: string // the sample run
  let after: string // the same run with one more failing must-check
  let fixedOnly: string // the same run with every failure fixed
  before(async () => {
    dirA = await tmpdir()
    await writeReports(sampleRun(), dirA, 'en')
    after = await tmpdir()
    const worse = sampleResults()
    worse[0].status = 'fail'
    await writeReports(sampleRun(worse), after, 'en')
    fixedOnly = await tmpdir()
    await writeReports(sampleRun(sampleResults().map((r) => (r.status === 'fail' || r.status === 'error' ? { ...r, status: 'pass' as const, failures: [] } : r))), fixedOnly, 'en')
  })
  const json = (dir: string) => path.join(dir, 'results.json')

  describe('render', () => {
    it('exits 0 and writes the reports and a SHA256SUMS that verifies', async () => {
      const out = path.join(await tmpdir(), 'sv')
      const r = await konform(['report', 'render', json(dirA), '--out', out, '--lang', 'sv'])
      expect(r.code, r.stderr).to.equal(0)
      expect((await readdir(out)).sort()).to.deep.equal(['SHA256SUMS', 'junit.xml', 'report.html', 'results.json'])
      expect(await readFile(path.join(out, 'results.json'), 'utf8')).to.equal(await readFile(json(dirA), 'utf8'))
      expect(await readFile(path.join(out, 'report.html'), 'utf8')).to.include('<html lang="sv">')
      expect(r.stdout.trim().split('\n')).to.deep.equal(['results.json', 'junit.xml', 'report.html', 'SHA256SUMS'].map((f) => path.join(out, f)))
      expect((await konform(['report', 'verify', out])).code).to.equal(0)
    })

    it('exits 2 with one line for a file that is not a valid results.json', async () => {
      const dir = await tmpdir()
      const bad = path.join(dir, 'results.json')
      const run = JSON.parse(await readFile(json(dirA), 'utf8'))
      run.results[0].status = 'maybe'
      await writeFile(bad, JSON.stringify(run))
      const r = await konform(['report', 'render', bad, '--out', dir])
      expect(r.code).to.equal(2)
      expect(r.stderr).to.match(/^konform: error: .*results\.json: results\.json does not match schema 1\.2: \/results\/0\/status must be equal to one of the allowed values/)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
      expect((await readdir(dir)).sort()).to.deep.equal(['results.json'])
      const missing = await konform(['report', 'render', path.join(dir, 'absent.json')])
      expect(missing.code).to.equal(2)
      expect(missing.stderr).to.match(/^konform: error: cannot read .*absent\.json: .*ENOENT/)
    })
  })

  describe('diff', () => {
    it('exits 1 when a check newly fails, and names it', async () => {
      const r = await konform(['report', 'diff', json(dirA), json(after), '--lang', 'en'])
      expect(r.code, r.stderr).to.equal(1)
      expect(r.stdout).to.contain('NEWLY FAILING  API-DISCOVERY-001  must  pass → fail')
      expect(r.stdout).to.match(/B is worse than A\n$/)
    })

    it('exits 0 when nothing got worse (the same run; only fixes), also with --json', async () => {
      const same = await konform(['report', 'diff', json(dirA), json(dirA), '--lang', 'en'])
      expect(same.code, same.stderr).to.equal(0)
      expect(same.stdout).to.match(/nothing got worse\n$/)
      const fixed = await konform(['report', 'diff', json(dirA), json(fixedOnly), '--json'])
      expect(fixed.code, fixed.stderr).to.equal(0)
      const d = JSON.parse(fixed.stdout)
      expect(d.worse).to.equal(false)
      expect(d.fixed.map((c: { name: string }) => c.name)).to.deep.equal(['API-PAGING-001 [GET /persons]', 'API-SCHEMA-001 [GET /groups]', 'AUTH-HEADERS-002'])
      const worse = await konform(['report', 'diff', json(dirA), json(after), '--json'])
      expect(worse.code).to.equal(1)
      expect(JSON.parse(worse.stdout).newlyFailing[0].name).to.equal('API-DISCOVERY-001')
    })

    it('exits 2 on bad input', async () => {
      const r = await konform(['report', 'diff', json(dirA), path.join(dirA, 'junit.xml')])
      expect(r.code).to.equal(2)
      expect(r.stderr).to.match(/^konform: error: .*junit\.xml: results\.json is not valid JSON/)
      expect((await konform(['report', 'diff', json(dirA)])).code).to.equal(2)
    })
  })

  describe('verify', () => {
    it('exits 0 when every hash matches', async () => {
      const r = await konform(['report', 'verify', dirA])
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stdout).to.match(/^OK {8}results\.json\nOK {8}junit\.xml\nOK {8}report\.html\nunsigned  \(no SIGNATURE\.jws\)\nSHA256SUMS sha256 [0-9a-f]{64}\nall files match\n$/)
    })

    it('exits 1 and names the changed file', async () => {
      const dir = await tmpdir()
      await writeReports(sampleRun(), dir, 'en')
      const junit = path.join(dir, 'junit.xml')
      await writeFile(junit, (await readFile(junit, 'utf8')).replace('failures="', 'failures="0'))
      const r = await konform(['report', 'verify', dir])
      expect(r.code).to.equal(1)
      expect(r.stdout).to.match(/^MISMATCH {2}junit\.xml: sha256 [0-9a-f]{64}, SHA256SUMS says [0-9a-f]{64}$/m)
      expect(r.stdout).to.not.match(/MISMATCH {2}(results\.json|report\.html)/)
    })

    it('exits 2 for a folder that is not a report folder', async () => {
      const empty = await tmpdir()
      const r = await konform(['report', 'verify', empty])
      expect(r.code).to.equal(2)
      expect(r.stderr).to.match(/^konform: error: .* holds no SHA256SUMS/)
      expect((await konform(['report', 'verify', path.join(empty, 'absent')])).code).to.equal(2)
    })
  })
})
