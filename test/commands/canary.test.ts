// The canary test of issue #7: known canary values are seeded into the reference server's data (names, civic
// numbers, e-mail, phone, street address, eduPersonPrincipalName, a civic number in free text) and into the secrets
// (client secret, a bearer token), every suite of every profile runs through the CLI against it, and no canary may
// appear in any byte of any artefact (results.json, junit.xml, report.html in both languages, SHA256SUMS) or of the
// CLI's stdout/stderr. The same run with --evidence full must show the personal canaries, so the test can fail; and
// --evidence full is marked NOT evidence everywhere and cannot be signed.

import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import type { RunResult } from '../../src/core/result.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { PROFILES } from '../../suites/profiles.js'
import { konform, tmpdir, type CliResult } from '../helpers/cli.js'
import { validateJunit } from '../helpers/junit-xsd.js'

const PERSONAL = {
  givenName: 'Kanarieanna',
  familyName: 'Kanarievik',
  civicNo: '200402295559',
  email: 'kanarieanna.kanarievik@kanarie.example',
  phone: '+46 70 555 01 99',
  street: 'Kanariegränd 77',
  eppn: 'kanarieanna@kanarie.example',
  account: 'kanarieanna.kanarievik',
}
const CLIENT_SECRET = 'KanarieHemlighet-7f3a9c1e5b2d4f6a8c0e'

/**
 * Canaries inside free text (an attendance's absenceReason, StudyPlan notes, a calendar event's comment, a duty's description): what a school
 * writes there — a civic number with or without century and separator, an e-mail address, phone numbers in
 * national and international form. Each must be pattern-redacted wherever the record appears.
 */
const FREE_TEXT = {
  civicDash: '051231-4567',
  civicLong: '20051231-4567',
  civicPlain: '0512314567',
  email: 'kanarie.mamma@kanarie.example',
  mobile: '070-555 12 34',
  mobileIntl: '+46 70 555 12 34',
  landline: '08-555 987 65',
  landlineIntl: '0046 8 555 98765',
}

/** Every form a canary could take in an artefact: as is, lower case, percent-encoded, without separators. */
function forms(value: string): string[] {
  const out = new Set([value, value.toLowerCase(), encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')])
  if (/^\d{12}$/.test(value)) {
    out.add(value.slice(2)) // YYMMDDNNNN
    out.add(`${value.slice(2, 8)}-${value.slice(8)}`) // YYMMDD-NNNN
    out.add(`${value.slice(0, 8)}-${value.slice(8)}`) // YYYYMMDD-NNNN
  }
  if (value.includes(' ')) out.add(value.replace(/ /g, ''))
  return [...out]
}

/** The records that carry the free-text canaries, as item paths. */
const FREE_TEXT_RECORDS: string[] = []

function canaryDataset() {
  const d = generateDataset()
  const pupil = d.persons.find((p) => (p.enrolments ?? []).length > 0)!
  Object.assign(pupil, {
    givenName: PERSONAL.givenName,
    familyName: PERSONAL.familyName,
    civicNo: { value: PERSONAL.civicNo, nationality: 'SE' },
    birthDate: '2004-02-29',
    emails: [{ value: PERSONAL.email, type: 'Skola elev' }],
    phoneNumbers: [{ value: PERSONAL.phone, type: 'Mobil', mobile: true }],
    eduPersonPrincipalNames: [PERSONAL.eppn],
    externalIdentifiers: [{ value: PERSONAL.account, context: 'https://skola.example/konto', globallyUnique: false }],
    addresses: [{ type: 'Folkbokföring', streetAddress: PERSONAL.street, postalCode: '123 45', locality: 'Provköping', country: 'Sverige' }],
  })
  // Free text: a civic number written into a group's display name, as a careless administrator might.
  const group = d.groups[0]
  group.displayName = `${group.displayName} (elev ${PERSONAL.civicNo})`
  // Free-text fields of records, filled with contact details (copies of the records: the default fixtures stay as they are).
  const f = FREE_TEXT
  const attendance = d.attendances.find((a) => a.absenceReason !== undefined) ?? d.attendances[0]
  attendance.absenceReason = `Sjuk. Ring mamma ${f.mobile} eller ${f.mobileIntl}, pnr ${f.civicDash}`
  const plan = d.studyplans[0]
  plan.notes = [...(plan.notes ?? []), { type: 'Anteckningar', note: `Kontakt: ${f.email}, tel ${f.landline}, ${f.civicLong}` }]
  const event = d.calendarEvents.find((e) => e.comment !== undefined) ?? d.calendarEvents[0]
  event.comment = `Hämtas av ${f.landlineIntl}, ${f.civicPlain}`
  const duty = d.duties[0]
  duty.description = `Mentor; vikarie nås på ${f.mobileIntl}`
  FREE_TEXT_RECORDS.push(`attendances/${attendance.id}`, `studyplans/${plan.id}`, `calendarEvents/${event.id}`, `duties/${duty.id}`)
  return d
}

interface Artefacts {
  label: string
  files: Record<string, string>
}

async function runAll(server: ReferenceServer, profile: string, extra: string[], env: Record<string, string>): Promise<{ cli: CliResult; art: Artefacts }> {
  const out = await tmpdir()
  const cli = await konform(['run', '--target', server.baseUrl, '--profile', profile, '--out', out, '--lang', 'sv', '--rate', '0', ...extra], env, 120_000)
  const files: Record<string, string> = { stdout: cli.stdout, stderr: cli.stderr }
  for (const f of await readdir(out)) files[f] = await readFile(path.join(out, f), 'latin1') // every byte, whatever it is
  // The other language of the HTML as well.
  const en = path.join(await tmpdir(), 'en')
  const rr = await konform(['report', 'render', path.join(out, 'results.json'), '--out', en, '--lang', 'en'])
  expect(rr.code, rr.stderr).to.equal(0)
  files['report.en.html'] = await readFile(path.join(en, 'report.html'), 'latin1')
  files['render.stdout+stderr'] = rr.stdout + rr.stderr
  return { cli, art: { label: `${profile} ${extra.join(' ')}`, files } }
}

/** Canary hits: [artefact, canary form] for every form found in any artefact. */
/** Each artefact decoded as UTF-8 once (the full-2.1 results.json is megabytes; leaks() runs over it often). */
const decoded = new WeakMap<Artefacts, Map<string, string>>()

function leaks(art: Artefacts, canaries: string[]): string[] {
  const hits: string[] = []
  const utf8s = decoded.get(art) ?? new Map(Object.entries(art.files).map(([n, t]) => [n, Buffer.from(t, 'latin1').toString('utf8')]))
  decoded.set(art, utf8s)
  for (const [name, text] of Object.entries(art.files)) {
    const utf8 = utf8s.get(name)!
    for (const c of canaries) for (const f of forms(c)) if (text.includes(f) || utf8.includes(f)) hits.push(`${name}: ${f}`)
  }
  return [...new Set(hits)]
}

/**
 * The profiles run against the canary server over plain HTTP: every profile whose operations are SS 12000 API
 * operations (write-mode is inside full-2.1, run with --allow-writes). mtls, fedtls and fedtls-metadata need a TLS listener
 * or a metadata document; their keys' redaction is tested with the auth suite.
 */
const CANARY_PROFILES = Object.keys(PROFILES).filter((p) => !['write-mode', 'mtls', 'fedtls', 'fedtls-metadata', 'mtls-token', 'fedtls-client'].includes(p)) // mtls-token: test/checks/rfc8705.test.ts; fedtls-client (tests a client, no API): test/checks/fedtls-client.test.ts

describe('canary test: no seeded personal data or secret in any byte of any artefact', function () {
  this.timeout(300_000)
  let server: ReferenceServer
  let token = ''
  const runs: { cli: CliResult; art: Artefacts }[] = []

  before(async () => {
    server = await startReferenceServer({ dataset: canaryDataset(), clientSecret: CLIENT_SECRET })
    token = await server.issueToken()
    // The runs are independent CLI processes: side by side (the write run only adds and changes test records,
    // which no assertion here depends on), so the test takes as long as its longest run, not their sum.
    const jobs = CANARY_PROFILES.map((profile) => {
      // client credentials (the secret only in the environment), every suite; full-2.1 with writes, so the
      // write-mode checks (subscriptions, notices, log, statistics, attendance writes) run too
      const writes = profile === 'full-2.1' ? ['--allow-writes', '--notice-timeout', '5'] : []
      return runAll(server, profile, ['--token-url', server.tokenUrl, '--client-id', server.clientId, ...writes], { KONFORM_CLIENT_SECRET: CLIENT_SECRET })
    })
    // a bearer token given as is
    jobs.push(runAll(server, 'core', [], { KONFORM_TOKEN: token }))
    runs.push(...(await Promise.all(jobs)))
  })
  after(() => server?.close())

  it('the canaries are really served: the canary pupil is in the data the checks read', async () => {
    const res = await fetch(`${server.baseUrl}/persons?limit=1000`, { headers: { authorization: `Bearer ${token}` } })
    const text = await res.text()
    for (const v of Object.values(PERSONAL)) expect(text).to.contain(v)
    // and the free-text canaries, in records the full-2.1 profile reads
    const served: string[] = []
    expect(FREE_TEXT_RECORDS).to.have.length(4)
    for (const item of FREE_TEXT_RECORDS) {
      const res = await fetch(`${server.baseUrl}/${item}`, { headers: { authorization: `Bearer ${token}` } })
      served.push(await res.text())
    }
    for (const v of Object.values(FREE_TEXT)) expect(served.join('\n'), v).to.contain(v)
  })

  it('every profile and every suite ran (exit 0 or 1, results in every suite the profile has)', () => {
    expect(runs.length).to.equal(CANARY_PROFILES.length + 1)
    for (const { cli, art } of runs) {
      expect([0, 1], `${art.label}: ${cli.stderr}`).to.include(cli.code)
      const run = JSON.parse(Buffer.from(art.files['results.json'], 'latin1').toString('utf8')) as RunResult
      expect(run.results.length, art.label).to.be.greaterThan(10)
      expect(new Set(run.results.map((r) => r.suite)), art.label).to.include('api').and.to.include('auth')
      expect(run.results.some((r) => r.evidence.some((x) => x.request.url.includes('/persons'))), art.label).to.equal(true)
    }
  })

  it('finds 0 leaks of personal data across all suites and artefacts', () => {
    for (const { art } of runs) expect(leaks(art, Object.values(PERSONAL)), art.label).to.deep.equal([])
  })

  it('finds 0 leaks of civic numbers, e-mail and phone numbers written into free-text fields', () => {
    const full = runs.find((r) => r.art.label.startsWith('full-2.1'))!
    // the records with free text are in the evidence (so this test can fail) …
    const results = Buffer.from(full.art.files['results.json'], 'latin1').toString('utf8')
    expect(results).to.match(/"absenceReason\\?": \\?"Sjuk\. Ring mamma «phone-\d+» eller «phone-\d+», pnr «civicno-\d+»/)
    // … and no canary is in any byte of any artefact of any run
    for (const { art } of runs) expect(leaks(art, Object.values(FREE_TEXT)), art.label).to.deep.equal([])
  })

  it('finds 0 leaks of the client secret, the bearer token or any other JWT', () => {
    for (const { art } of runs) {
      expect(leaks(art, [CLIENT_SECRET, token, token.split('.')[2]]), art.label).to.deep.equal([])
      for (const [name, text] of Object.entries(art.files)) expect(text, `${art.label} ${name}`).to.not.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./)
    }
  })

  describe('--evidence full', () => {
    let full: { cli: CliResult; art: Artefacts }
    let dir = ''
    before(async () => {
      full = await runAll(server, 'core', ['--token-url', server.tokenUrl, '--client-id', server.clientId, '--evidence', 'full'], { KONFORM_CLIENT_SECRET: CLIENT_SECRET })
      dir = /^(.*)\/results\.json$/m.exec(full.cli.stdout)?.[1] ?? ''
    })

    it('keeps personal data raw (so the canary test above can fail) but still no secret', () => {
      const found = leaks(full.art, Object.values(PERSONAL))
      expect(found.some((l) => l.startsWith('results.json:') && l.endsWith(PERSONAL.familyName))).to.equal(true)
      expect(found.some((l) => l.startsWith('report.html:') && l.endsWith(PERSONAL.civicNo))).to.equal(true)
      expect(leaks(full.art, [CLIENT_SECRET, token])).to.deep.equal([])
    })

    it('is marked NOT evidence in results.json, the HTML headline, junit.xml and on stderr', async () => {
      expect(full.cli.stderr).to.match(/^konform: warning: --evidence full: personal data is kept unredacted .*NOT evidence/m)
      const run = JSON.parse(Buffer.from(full.art.files['results.json'], 'latin1').toString('utf8')) as RunResult
      expect(run.evidenceMode).to.equal('full')
      expect(run.redaction.personalData).to.equal(false)
      const html = Buffer.from(full.art.files['report.html'], 'latin1').toString('utf8')
      expect(html).to.match(/<p class="not-evidence" id="not-evidence" role="alert">INTE UNDERLAG: /)
      expect(html.indexOf('id="not-evidence"')).to.be.below(html.indexOf('id="verdict"'))
      const junit = Buffer.from(full.art.files['junit.xml'], 'latin1').toString('utf8')
      expect(junit).to.contain('<property name="konform.evidence" value="NOT evidence: --evidence full, personal data unredacted"/>')
      expect((await validateJunit(junit)).valid).to.equal(true)
      expect(full.cli.stdout).to.contain('INTE UNDERLAG: --evidence full')
    })

    it('konform report sign refuses it (exit 2, one line)', async () => {
      const keys = path.join(await tmpdir(), 'k')
      expect((await konform(['report', 'keygen', '--out', keys])).code).to.equal(0)
      const r = await konform(['report', 'sign', dir, '--key', `${keys}.key`])
      expect(r.code, r.stdout + r.stderr).to.equal(2)
      expect(r.stderr.trim()).to.match(/^konform: error: this report was made with --evidence full: .*NOT evidence, so it is not signed$/)
      expect(await readdir(dir)).to.not.include('SIGNATURE.jws')
    })
  })
})
