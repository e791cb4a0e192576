import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { validateJunit } from '../helpers/junit-xsd.js'

describe('konform run', function () {
  this.timeout(90_000)

  it('exits 0 against the built-in reference server and writes the three reports', async function () {
    const out = await tmpdir()
    const r = await konform(['run', '--out', out, '--lang', 'en'])
    expect(r.code, r.stderr).to.equal(0)
    expect((await readdir(out)).sort()).to.deep.equal(['SHA256SUMS', 'junit.xml', 'report.html', 'results.json'])
    expect(r.stdout).to.match(/^CHECK\s+SEVERITY\s+STATUS\s+TITLE/m)
    expect(r.stdout).to.match(/API-PAGING-001 \[GET \/persons\]\s+must\s+PASS/)
    expect(r.stdout).to.contain('Meets the must-requirements of profile core: yes')
    for (const f of ['results.json', 'junit.xml', 'report.html', 'SHA256SUMS']) expect(r.stdout).to.contain(path.join(out, f))
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'))
    expect(results.spec.sha256).to.equal('aee9a95a4c5bd25cebaf357d266592f94e9388ae785ee9ac3b58e1992acccd28')
    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8')
    expect(junit.match(/<testcase /g)?.length).to.equal(results.results.length)
    const xsd = await validateJunit(junit)
    expect(xsd.valid, JSON.stringify(xsd.errors)).to.equal(true)
    const html = await readFile(path.join(out, 'report.html'), 'utf8')
    expect(html).to.not.match(/(src|href)\s*=\s*["']?https?:/i)
    expect(html).to.not.match(/url\(\s*["']?https?:/i)
  })

  it('exits 1 when a must-check fails, and names the check', async function () {
    const out = await tmpdir()
    const r = await konform(['run', '--out', out, '--fault', 'paging.ignore-limit', '--lang', 'en'])
    expect(r.code, r.stderr).to.equal(1)
    expect(r.stdout).to.match(/API-PAGING-002 \[GET \/persons\]\s+must\s+FAIL/)
    expect(r.stdout).to.contain('Meets the must-requirements of profile core: no')
  })

  describe('against a --target that breaks a rule', function () {
    let server: ReferenceServer
    before(async () => {
      server = await startReferenceServer({ faults: ['item.malformed-id-404'] })
    })
    after(() => server.close())

    it('exits 1; the report names the check, the requirement and shows the exchange', async function () {
      const out = await tmpdir()
      const r = await konform(
        ['run', '--target', server.baseUrl, '--token-url', server.tokenUrl, '--client-id', server.clientId, '--out', out, '--lang', 'en'],
        { KONFORM_CLIENT_SECRET: server.clientSecret },
      )
      expect(r.code, r.stderr).to.equal(1)
      const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8'))
      const failed = results.results.filter((x: { status: string }) => x.status === 'fail')
      expect(failed.map((x: { checkId: string }) => x.checkId)).to.include('API-ITEM-002')
      const f = failed.find((x: { checkId: string }) => x.checkId === 'API-ITEM-002')
      expect(f.requirements).to.include('SS12000-ITEM-400')
      expect(f.evidence[0].request.url).to.contain('/not-a-uuid')
      expect(f.evidence[0].response.status).to.equal(404)
      const xsd = await validateJunit(await readFile(path.join(out, 'junit.xml'), 'utf8'))
      expect(xsd.valid, JSON.stringify(xsd.errors)).to.equal(true)
      const html = await readFile(path.join(out, 'report.html'), 'utf8')
      expect(html).to.contain('API-ITEM-002').and.to.contain('SS12000-ITEM-400').and.to.contain('not-a-uuid')
      // the secret and the tokens never reach an artefact
      for (const file of ['results.json', 'junit.xml', 'report.html']) {
        expect(await readFile(path.join(out, file), 'utf8'), file).to.not.contain(server.clientSecret)
      }
    })
  })

  it('exits 3 with one line when the target is unreachable', async function () {
    const r = await konform(['run', '--target', 'http://127.0.0.1:9/v2.0', '--out', await tmpdir()], { KONFORM_TOKEN: 'x' })
    expect(r.code).to.equal(3)
    expect(r.stderr.trim().split('\n')).to.have.length(1)
    expect(r.stderr).to.match(/^konform: error: target http:\/\/127\.0\.0\.1:9\/v2\.0 is unreachable/)
  })

  it('warns in one line when a target is given without credentials', async function () {
    const r = await konform(['run', '--target', 'http://127.0.0.1:9/v2.0', '--out', await tmpdir()])
    expect(r.code).to.equal(3)
    expect(r.stderr).to.match(/^konform: warning: no credentials given .*\nkonform: error: target .* is unreachable/)
  })

  const usage: [string, string[], Record<string, string>, RegExp][] = [
    ['an unknown flag', ['run', '--bogus'], {}, /bogus/],
    ['a target that is not a URL', ['run', '--target', 'not a url'], {}, /--target is not a URL/],
    ['an unknown profile', ['run', '--profile', 'nope'], {}, /profile/],
    ['--token-url without a secret', ['run', '--target', 'http://127.0.0.1:9/v2.0', '--token-url', 'http://127.0.0.1:9/token', '--client-id', 'x'], {}, /KONFORM_CLIENT_SECRET/],
    ['--fault with --target', ['run', '--target', 'http://127.0.0.1:9/v2.0', '--fault', 'paging.ignore-limit'], {}, /--fault/],
    ['an unknown check id', ['run', '--check', 'API-NOPE-001'], {}, /unknown check id API-NOPE-001/],
    ['an --out folder that cannot be made', ['run', '--out', '/proc/konform/reports'], {}, /cannot write the reports to \/proc\/konform\/reports/],
    ['an unknown fault', ['run', '--fault', 'nope.nope'], {}, /unknown fault nope\.nope \(known: auth\./],
    ['an unknown command', ['frobnicate'], {}, /frobnicate/],
  ]
  for (const [what, args, env, pattern] of usage) {
    it(`exits 2 with one line for ${what}`, async function () {
      const r = await konform(args, env)
      expect(r.code, r.stderr).to.equal(2)
      const lines = r.stderr.trim().split('\n')
      expect(lines, r.stderr).to.have.length(1)
      expect(lines[0]).to.match(/^konform: error: /).and.to.match(pattern)
      expect(r.stderr).to.not.match(/\n\s+at /)
    })
  }
})
