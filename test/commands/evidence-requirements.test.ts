// The sixteen evidence-report requirements of shared/notes/export-evidence.md §5 (R-01 … R-16), each asserted on
// the artefacts of one real `konform run` (built-in server with one fault, so there is a failure to show), with
// --about naming the item tested and who tested it for whom.

import { createHash } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import type { RunResult } from '../../src/core/result.js'
import { projectRoot } from '../../src/paths.js'
import { allRequirements } from '../../src/core/requirements.js'
import { deviationsOf } from '../../src/report/evidence.js'
import { renderHtml } from '../../src/report/html/render.js'
import { konform, tmpdir, type CliResult } from '../helpers/cli.js'
import { validateJunit } from '../helpers/junit-xsd.js'

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex')
const HEX64 = /^[0-9a-f]{64}$/
const ABOUT = `# the item tested (R-04) and who tested it for whom (R-13)
vendor: Exempel Skolsystem AB
product: Elevregistret
version: "2026.06"
tenant: Exempels kommun, grundskola
capabilities:
  - GET /organisations
  - GET /persons
configuration:
  environment: staging
testedBy: Provningslabbet i Exempel
customer: Exempels kommun
signer: Kim Granskare
`

describe('evidence report requirements R-01 … R-16 on a real run', function () {
  this.timeout(90_000)
  let out = ''
  let cli: CliResult
  let run: RunResult
  let json = ''
  let junit = ''
  let html = ''
  let sums = ''
  let aboutDir = ''
  after(async () => {
    for (const dir of [out, aboutDir]) if (dir) await rm(dir, { recursive: true, force: true })
  })

  before(async () => {
    out = await tmpdir()
    // The about file lives beside the report folder (not in it, where SHA256SUMS would have to list it), in a
    // folder of its own that after() removes with the report folder.
    aboutDir = await tmpdir('konform-about-')
    const about = path.join(aboutDir, 'about.yaml')
    await writeFile(about, ABOUT)
    cli = await konform(['run', '--out', out, '--lang', 'en', '--fault', 'paging.ignore-limit', '--about', about, '--customer', 'Exempels kommun (barn- och utbildningsnämnden)'])
    json = await readFile(path.join(out, 'results.json'), 'utf8')
    run = JSON.parse(json) as RunResult
    junit = await readFile(path.join(out, 'junit.xml'), 'utf8')
    html = await readFile(path.join(out, 'report.html'), 'utf8')
    sums = await readFile(path.join(out, 'SHA256SUMS'), 'utf8')
  })

  it('ran: exit 1 (a must-check fails under the fault), one line per artefact on stdout', () => {
    expect(cli.code, cli.stderr).to.equal(1)
    for (const f of ['results.json', 'junit.xml', 'report.html', 'SHA256SUMS']) expect(cli.stdout).to.contain(path.join(out, f))
  })

  it('R-01 report identity: title, unique run id (UUID), issue date, end of report, hash over all parts', () => {
    expect(run.report?.title.en).to.match(/conformance test report/)
    expect(run.report?.title.sv).to.match(/Rapport/)
    expect(run.runId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Date.parse(run.report!.issuedAt)).to.be.at.least(Date.parse(run.finishedAt))
    expect(html).to.contain(run.report!.title.en).and.to.contain(run.report!.issuedAt)
    expect(html).to.match(new RegExp(`<p id="end-of-report">End of report ${run.runId}: ${run.results.length} check results\\.</p>`))
    expect(sums).to.equal(
      [['results.json', json], ['junit.xml', junit], ['report.html', html]].map(([f, text]) => `${sha256(text)}  ${f}\n`).join(''),
    )
  })

  it('R-02 tool identity: konform version, git commit, check-catalogue hash, Node version, OS', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectRoot(), 'package.json'), 'utf8'))
    expect(run.tool.version).to.equal(pkg.version)
    expect(run.tool.commit).to.match(/^([0-9a-f]{40}|unknown)$/)
    expect(run.tool.catalogueSha256).to.match(HEX64)
    expect(run.tool.node).to.equal(process.version)
    expect(run.tool.platform).to.contain(process.arch)
    for (const v of [run.tool.commit!, run.tool.catalogueSha256!, run.tool.platform!]) expect(html).to.contain(v)
    expect(junit).to.contain(`<property name="konform.catalogueSha256" value="${run.tool.catalogueSha256}"/>`)
    expect(junit).to.contain(`<property name="konform.commit" value="${run.tool.commit}"/>`)
  })

  it('R-03 method identity: standard and version with the SHA-256 of the spec file, profile and its version, errata', async () => {
    const bundled = await readFile(path.join(projectRoot(), 'src/spec/documents/openapi_ss12000_version2_1_0.yaml'))
    expect(run.spec.version).to.equal('2.1.0')
    expect(run.spec.sha256).to.equal(sha256(bundled))
    expect(run.profile).to.equal('core')
    expect(run.profileSha256).to.match(HEX64)
    expect(run.spec.errata.length).to.be.greaterThan(0)
    expect(html).to.contain(run.spec.sha256).and.to.contain(run.profileSha256!)
    for (const e of run.spec.errata) expect(html).to.contain(e.id)
    expect(junit).to.contain(`<property name="spec.sha256" value="${run.spec.sha256}"/>`)
    expect(junit).to.contain(`<property name="profile.sha256" value="${run.profileSha256}"/>`)
  })

  it('R-04 item identity: target URL, vendor, product, version, tenant, declared capabilities (PICS), configuration (PIXIT)', () => {
    expect(run.target.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(run.about).to.deep.include({ vendor: 'Exempel Skolsystem AB', product: 'Elevregistret', version: '2026.06', tenant: 'Exempels kommun, grundskola' })
    expect(run.about?.capabilities).to.deep.equal(['GET /organisations', 'GET /persons'])
    expect(run.about?.configuration).to.deep.equal({ environment: 'staging' })
    const about = /<dl class="facts" id="about">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? ''
    for (const v of ['Exempel Skolsystem AB', 'Elevregistret', '2026.06', 'GET /persons', 'environment: staging']) expect(about).to.contain(v)
    expect(junit).to.contain('<property name="about.version" value="2026.06"/>')
    expect(junit).to.contain(`<property name="target.url" value="${run.target.url}"/>`)
  })

  it('R-05 time: start and end in UTC, the clock source, the statement that results relate only to this deployment at this time', () => {
    expect(run.startedAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(run.finishedAt).to.match(/Z$/)
    expect(Date.parse(run.finishedAt)).to.be.at.least(Date.parse(run.startedAt))
    expect(run.clock).to.match(/clock/)
    expect(html).to.contain(run.clock!)
    expect(html).to.contain('The results relate only to the target named below, as it answered during the stated time.')
    expect(junit).to.contain(`<property name="startedAt" value="${run.startedAt}"/>`)
  })

  it('R-06 per-check record: stable id, bilingual title, requirement reference, severity, outcome with reason', () => {
    expect(run.results.length).to.be.greaterThan(20)
    for (const r of run.results) {
      expect(r.checkId).to.match(/^(API|AUTH|EXPORT)-[A-Z0-9-]+-\d{3}$/)
      expect(r.title.en.trim(), r.name).to.not.equal('')
      expect(r.title.sv.trim(), r.name).to.not.equal('')
      expect(r.requirements.length, r.name).to.be.greaterThan(0)
      for (const ref of r.requirements) expect(run.requirements[ref]?.section, `${r.name} ${ref}`).to.be.a('string')
      expect(['must', 'should', 'may']).to.include(r.severity)
      expect(['pass', 'fail', 'skip', 'error']).to.include(r.status)
      if (r.status === 'skip' || r.status === 'error') expect(r.reason, r.name).to.be.a('string').and.not.equal('')
      if (r.status === 'fail') expect(r.failures.length, r.name).to.be.greaterThan(0)
    }
    expect(run.results.some((r) => r.status === 'fail' && r.checkId === 'API-PAGING-002')).to.equal(true)
  })

  it('R-07 decision rule and verdict side by side, with counts per outcome × severity', () => {
    expect(run.verdict.passed).to.equal(false)
    expect(html).to.match(/<p class="verdict no" id="verdict">Meets the must-requirements of profile core: no<\/p>\n<div class="rule"><strong>Decision rule<\/strong>/)
    expect(html).to.contain(run.verdict.rule.en)
    for (const sev of ['must', 'should', 'may'] as const) {
      for (const st of ['pass', 'fail', 'skip', 'error'] as const) {
        expect(run.summary.bySeverity[sev][st], `${sev}/${st}`).to.equal(run.results.filter((r) => r.severity === sev && r.status === st).length)
      }
    }
    const counts = /<table class="counts">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? ''
    expect(counts).to.contain(`<th scope="row">must</th><td class="num">${run.summary.bySeverity.must.pass}</td><td class="num">${run.summary.bySeverity.must.fail}</td>`)
    expect(junit).to.contain('<property name="verdict" value="fail"/>')
  })

  it('R-08 exchanges: request and response of each check (method, URL, status, headers, body, timing) with a curl reproducer', () => {
    const failed = run.results.find((r) => r.checkId === 'API-PAGING-002' && r.status === 'fail')!
    const ids = new Set(failed.evidence.map((x) => x.id))
    for (const f of failed.failures) for (const id of f.evidence) expect(ids.has(id), id).to.equal(true)
    for (const x of failed.evidence) {
      expect(x.request.method).to.match(/^[A-Z]+$/)
      expect(x.request.url).to.match(/^http:/)
      expect(x.response?.status).to.be.a('number')
      expect(x.response?.headers).to.be.an('object')
      expect(x.durationMs).to.be.a('number')
    }
    expect(html).to.contain('<pre class="curl">curl -X GET')
    expect(html).to.contain('$KONFORM_TOKEN')
  })

  it('R-09 redaction: on by default, the rules listed in the report, no token written', () => {
    expect(run.redaction).to.include({ secrets: true, personalData: true })
    expect(run.evidenceMode).to.equal('redacted')
    expect(run.redaction.rules?.length).to.be.greaterThan(1)
    for (const rule of run.redaction.rules!) expect(html).to.contain(rule.en.replace(/'/g, '&#39;'))
    for (const text of [json, junit, html]) expect(text).to.not.match(/Bearer (?!«)[A-Za-z0-9._~+/-]{8,}/)
    expect(junit).to.contain('<property name="konform.evidence" value="redacted"/>')
  })

  it('R-10 integrity: a SHA-256 manifest of every artefact that konform report verify checks', async () => {
    const v = await konform(['report', 'verify', out])
    expect(v.code, v.stdout + v.stderr).to.equal(0)
    expect(v.stdout).to.contain(`SHA256SUMS sha256 ${sha256(sums)}`)
  })

  it('R-11 reproducibility: exact command (secrets removed), limits and concurrency, known non-determinism', () => {
    expect(run.reproduce?.command).to.match(/^konform run --out \S+ --lang en --fault paging\.ignore-limit --about \S+ --customer 'Exempels kommun \(barn- och utbildningsnämnden\)'$/)
    expect(run.limits.concurrency).to.be.a('number')
    expect(run.reproduce?.nonDeterminism.length).to.be.greaterThan(0)
    expect(html).to.contain('<pre class="command">konform run --out')
    for (const n of run.reproduce!.nonDeterminism) expect(html).to.contain(n.en.replace(/'/g, '&#39;'))
  })

  it('R-12 deviations and limits: skipped checks with reasons, read-only mode, untested contract requirements', () => {
    const skipped = run.results.filter((r) => r.status === 'skip')
    expect(run.deviations?.skipped).to.deep.equal(skipped.map((r) => ({ name: r.name, reason: r.reason })))
    const limits = run.deviations!.limitations.map((l) => l.en).join('\n')
    expect(limits).to.match(/^Read-only/m)
    expect(limits).to.match(/contract/)
    expect(limits).to.match(/built-in reference server/)
    expect(html).to.contain('<section id="deviations"')
    // requirements of the catalogue no check of the run tested: exactly the catalogue minus the tested ones
    const catalogue = allRequirements().map((r) => r.ref)
    const tested = new Set(run.results.flatMap((r) => r.requirements))
    expect(run.deviations?.notTested).to.deep.equal(catalogue.filter((ref) => !tested.has(ref)))
    const apiOnly = { ...run, results: run.results.filter((r) => r.suite === 'api') }
    const untested = deviationsOf(apiOnly).notTested!
    const authRefs = run.results.filter((r) => r.suite === 'auth').flatMap((r) => r.requirements)
    expect(untested).to.include.members(authRefs.filter((ref) => !apiOnly.results.some((r) => r.requirements.includes(ref))))
    expect(untested.length).to.be.greaterThan(0)
    const apiHtml = renderHtml({ ...apiOnly, deviations: deviationsOf(apiOnly) }, 'en')
    for (const ref of untested) expect(apiHtml).to.contain(`<code>${ref}</code>`)
    expect(apiHtml).to.contain("Requirements of konform&#39;s catalogue not tested by this run")
    for (const s of skipped) expect(html).to.contain(s.name)
  })

  it('R-13 responsibility: who ran it, for whom, the signer', () => {
    expect(run.about?.testedBy).to.equal('Provningslabbet i Exempel')
    expect(run.about?.customer).to.equal('Exempels kommun (barn- och utbildningsnämnden)') // the flag overrides --about
    expect(run.about?.signer).to.equal('Kim Granskare')
    const about = /<dl class="facts" id="about">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? ''
    expect(about).to.contain('<dt>Tested by</dt><dd>Provningslabbet i Exempel</dd>')
    expect(about).to.contain('<dt>Customer</dt><dd>Exempels kommun (barn- och utbildningsnämnden)</dd>')
    expect(junit).to.contain('<property name="about.testedBy" value="Provningslabbet i Exempel"/>')
  })

  it('R-14 validity: for the stated product version and configuration, re-test after 12 months', () => {
    const until = new Date(run.startedAt)
    until.setUTCMonth(until.getUTCMonth() + 12)
    expect(run.validity?.validUntil).to.equal(until.toISOString())
    expect(run.validity?.statement.en).to.contain('Elevregistret 2026.06')
    expect(run.validity?.statement.sv).to.contain('Elevregistret 2026.06')
    expect(html).to.contain('<section id="validity"').and.to.contain(until.toISOString().slice(0, 10))
  })

  it('R-15 JUnit fit: XSD-valid, one testcase per result with a unique name, classname by suite, run metadata only in testsuite properties', async () => {
    const xsd = await validateJunit(junit)
    expect(xsd.valid, JSON.stringify(xsd.errors)).to.equal(true)
    const names = [...junit.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)]
    expect(names.length).to.equal(run.results.length)
    expect(new Set(names.map((m) => m[1])).size).to.equal(names.length)
    for (const m of names) expect(m[2]).to.match(/^konform\.(api|auth|export)$/)
    expect(junit).to.not.match(/<testcase[^>]*>(?:(?!<\/testcase>)[\s\S])*<properties>/)
    expect(junit).to.contain('Requirements:\n  SS12000-')
    // the first failing exchange is spelled out in the failure text
    const failure = /<testcase name="API-PAGING-002 \[GET \/persons\][^>]*>\n\s*<failure [^>]*>([^<]*)<\/failure>/.exec(junit)?.[1] ?? ''
    const failed = run.results.find((r) => r.name === 'API-PAGING-002 [GET /persons]')!
    const cited = failed.evidence.find((x) => x.id === failed.failures[0].evidence[0])!
    expect(failure).to.contain(`first failing exchange: ${cited.id} GET ${cited.request.url.replace(/&/g, '&amp;')} -&gt; ${cited.response!.status}`)
    expect(Buffer.byteLength(junit)).to.be.below(30 * 1000 * 1000)
  })

  it('R-16 one source of truth: junit.xml and report.html name the SHA-256 of results.json; Swedish and English over identical ids', async () => {
    const digest = sha256(json)
    expect(junit).to.contain(`<property name="results.sha256" value="${digest}"/>`)
    expect(html).to.contain(`<code>${digest}</code>`)
    expect(html).to.contain(`<p id="results-sha256">This report is rendered from results.json with SHA-256 ${digest}`)
    const sv = path.join(await tmpdir(), 'sv')
    const r = await konform(['report', 'render', path.join(out, 'results.json'), '--out', sv, '--lang', 'sv'])
    expect(r.code, r.stderr).to.equal(0)
    const svHtml = await readFile(path.join(sv, 'report.html'), 'utf8')
    expect(svHtml).to.contain(`<p id="results-sha256">Rapporten är framställd ur results.json med SHA-256 ${digest}`)
    const ids = (h: string) => [...h.matchAll(/<article class="check [a-z]+" id="(c\d+)"[^>]*>\n<h3>.*?<code>([^<]+)<\/code>/g)].map((m) => `${m[1]} ${m[2]}`)
    expect(ids(svHtml)).to.deep.equal(ids(html))
    expect(ids(html).length).to.equal(run.results.length)
  })
})
