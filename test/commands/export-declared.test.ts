import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { konform, tmpdir } from '../helpers/cli.js'

interface Results {
  results: { checkId: string; status: string; reason?: string; notes: string[]; failures: { message: string }[] }[]
}

describe('konform run: what the customer or vendor declares for the export checks', function () {
  this.timeout(90_000)

  it('uses --retention-days and --export-register over what the built-in server declares', async function () {
    const dir = await tmpdir()
    const register = path.join(dir, 'register.yaml')
    await writeFile(register, 'lists: [organisations, persons, groups, duties, activities]\noutside: [documents]\n')
    const out = path.join(dir, 'r')
    const r = await konform(['run', '--suite', 'export', '--profile', 'skolverket-dnp', '--check', 'EXPORT-TOMBSTONE-024', '--check', 'EXPORT-REGISTER-030', '--retention-days', '1', '--export-register', register, '--out', out])
    // Both are should-checks: the verdict (must-checks) holds.
    expect(r.code, r.stderr).to.equal(0)
    const run = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as Results
    const byId = new Map(run.results.map((x) => [x.checkId, x]))
    // The built-in server's deletions are older than a day: nothing to check within that retention.
    expect(byId.get('EXPORT-TOMBSTONE-024')?.status).to.equal('skip')
    expect(byId.get('EXPORT-TOMBSTONE-024')?.reason).to.match(/no deletion in the last 1 days/)
    // The register leaves out lists the server fills: not exhaustive.
    const reg = byId.get('EXPORT-REGISTER-030')!
    expect(reg.status).to.equal('fail')
    expect(reg.failures.map((f) => f.message)).to.include('GET /syllabuses serves records, but the register does not declare syllabuses')
    expect(reg.notes.join(' ')).to.contain('declared outside SS 12000, not testable through this API (check the contract): documents')
  })

  it('refuses an unreadable --export-register with one line and exit 2', async function () {
    const r = await konform(['run', '--suite', 'export', '--export-register', '/nonexistent/register.yaml', '--out', path.join(await tmpdir(), 'r')])
    expect(r.code).to.equal(2)
    expect(r.stderr.trim().split('\n')).to.have.length(1)
    expect(r.stderr).to.match(/--export-register \/nonexistent\/register\.yaml cannot be read/)
  })
})
