// junit.xml against the Jenkins xunit plugin's junit-10.xsd (../shared/specs/junit beside the project), plus the
// properties the XSD cannot express: unique names, requirement refs and severity in every name, right counts.

import { expect } from 'chai'
import type { CheckResult } from '../../src/core/result.js'
import { renderJunit } from '../../src/report/junit.js'
import { validateJunit } from '../helpers/junit-xsd.js'
import { HOSTILE, sampleResults, sampleRun } from '../helpers/sample-run.js'

const validate = validateJunit

// ---- a minimal reader for the XML renderJunit writes (attributes always double-quoted, no CDATA) -----------------

const unescape = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(Number(e.slice(1))),
  )

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(/([\w.:-]+)="([^"]*)"/g)) out[m[1]] = unescape(m[2])
  return out
}

interface Element {
  attrs: Record<string, string>
  body: string
}

function elements(xml: string, name: string): Element[] {
  const re = new RegExp(`<${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${name}>)`, 'g')
  return [...xml.matchAll(re)].map((m) => ({ attrs: attrs(m[1]), body: m[2] ?? '' }))
}

const systemOut = (e: Element): string => unescape(/<system-out>([\s\S]*?)<\/system-out>/.exec(e.body)?.[1] ?? '')

describe('junit.xml contract (junit-10.xsd)', function () {
  this.timeout(60_000)
  const run = sampleRun()
  const xml = renderJunit(run)

  it('validates against the Jenkins xunit junit-10.xsd', async () => {
    const res = await validate(xml)
    expect(res.errors.map((e) => e.rawMessage), res.rawOutput).to.deep.equal([])
    expect(res.valid).to.equal(true)
  })

  it('the XSD check really runs: a testcase carrying <properties> is rejected', async () => {
    const bad = xml.replace(/(<testcase\b[^>]*[^/]>)/, '$1<properties><property name="requirement" value="X"/></properties>')
    expect(bad).to.not.equal(xml)
    const res = await validate(bad)
    expect(res.valid).to.equal(false)
    expect(res.errors.map((e) => e.message).join('\n')).to.match(/properties/)
  })

  it('has properties only on testsuites, carrying the run identity', () => {
    for (const tc of elements(xml, 'testcase')) expect(tc.body).to.not.include('<propert')
    const suites = elements(xml, 'testsuite')
    expect(suites.map((s) => s.attrs.name)).to.deep.equal(['konform.api', 'konform.auth'])
    for (const s of suites) {
      const props = Object.fromEntries(elements(s.body, 'property').map((p) => [p.attrs.name, p.attrs.value]))
      expect(props).to.include({
        'konform.runId': run.runId,
        'konform.version': run.tool.version,
        'spec.title': run.spec.title,
        'spec.version': run.spec.version,
        'spec.sha256': run.spec.sha256,
        'target.url': run.target.url,
        profile: run.profile,
        verdict: 'fail',
      })
    }
  })

  it('has one testcase per result, unique names with requirement refs and severity, classname konform.<suite>', () => {
    const cases = elements(xml, 'testcase')
    expect(cases).to.have.length(run.results.length)
    const names = cases.map((c) => c.attrs.name)
    expect(new Set(names).size).to.equal(names.length)
    // testsuites come in api, auth, export order and the sample lists api results first, so order is preserved
    cases.forEach((c, i) => {
      const r = run.results[i]
      expect(c.attrs.name).to.equal(`${r.name} (${r.requirements.join(', ')}; ${r.severity}) ${r.title.en}`)
      expect(c.attrs.classname).to.equal(`konform.${r.suite}`)
      expect(c.attrs.time).to.equal((r.durationMs / 1000).toFixed(3))
    })
  })

  it('counts tests, failures, errors and skipped right', () => {
    const count = (rs: readonly CheckResult[], s: string): number => rs.filter((r) => r.status === s).length
    const [root] = elements(xml, 'testsuites')
    expect(root.attrs).to.include({
      tests: String(run.results.length),
      failures: String(count(run.results, 'fail')),
      errors: String(count(run.results, 'error')),
    })
    for (const s of elements(xml, 'testsuite')) {
      const mine = run.results.filter((r) => `konform.${r.suite}` === s.attrs.name)
      expect(s.attrs).to.include({
        tests: String(mine.length),
        failures: String(count(mine, 'fail')),
        errors: String(count(mine, 'error')),
        skipped: String(count(mine, 'skip')),
      })
      expect(elements(s.body, 'testcase')).to.have.length(mine.length)
      expect(elements(s.body, 'failure')).to.have.length(count(mine, 'fail'))
      expect(elements(s.body, 'error')).to.have.length(count(mine, 'error'))
      expect(elements(s.body, 'skipped')).to.have.length(count(mine, 'skip'))
    }
  })

  it('puts outcome details in failure/error/skipped and requirements, severity and exchanges in system-out', () => {
    const cases = elements(xml, 'testcase')
    cases.forEach((c, i) => {
      const r = run.results[i]
      const out = systemOut(c)
      expect(out).to.include(`Severity: ${r.severity}`)
      expect(out).to.include(`Status: ${r.status}`)
      for (const ref of r.requirements) {
        const info = run.requirements[ref]
        expect(out).to.include(`${ref}: ${info.standard}, ${info.section}: `)
      }
      for (const x of r.evidence) {
        const outcome = x.response ? String(x.response.status) : 'no response'
        expect(out).to.include(`${x.id} ${x.request.method} ${x.request.url} -> ${outcome} (${Math.round(x.durationMs)} ms)`)
        if (x.error) expect(out).to.include(`ms) [${x.error}]`)
      }
      if (r.status === 'fail') {
        const [f] = elements(c.body, 'failure')
        expect(f.attrs.type).to.equal(r.severity)
        const text = unescape(f.body)
        for (const fl of r.failures) {
          expect(text).to.include(fl.message.replace(/\u0000/g, ''))
          for (const id of fl.evidence) expect(text).to.include(id)
          if (fl.expected) expect(text).to.include(`expected: ${fl.expected}`)
        }
      }
      if (r.status === 'error') expect(elements(c.body, 'error')[0].attrs.message).to.equal(r.reason)
      if (r.status === 'skip') expect(elements(c.body, 'skipped')[0].attrs.message).to.equal(r.reason)
    })
  })

  it('escapes markup and strips characters XML 1.0 cannot carry, keeping Swedish text', () => {
    expect(xml).to.not.include(HOSTILE.script)
    expect(xml).to.include('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(xml).to.not.include(']]>')
    expect(xml).to.not.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/)
    expect(xml).to.not.match(/[\uD800-\uDFFF]/u) // lone surrogates (pairs are single code points under /u)
    expect(xml).to.include('Åsa Öberg, Ängby skola')
    expect(xml).to.include('Öberg]]&gt;') // NUL, lone surrogate, U+FFFE, U+FFFF gone, the rest kept
  })

  it('keeps names unique when two results share a name (" #2")', async () => {
    const results = sampleResults()
    results.push({ ...results[0] }, { ...results[0] })
    const out = renderJunit(sampleRun(results))
    const names = elements(out, 'testcase').map((c) => c.attrs.name)
    expect(new Set(names).size).to.equal(names.length)
    const base = names[0]
    expect(names).to.include.members([`${base} #2`, `${base} #3`])
    expect((await validate(out)).valid).to.equal(true)
  })

  it('caps system-out of a testcase at 64 KiB (escaped, UTF-8 bytes) and says so', async () => {
    const results = sampleResults()
    results[0] = { ...results[0], notes: ['<å>&'.repeat(60_000)] } // 240 000 chars, escaping grows it further
    const out = renderJunit(sampleRun(results))
    const first = elements(out, 'testcase')[0]
    const raw = /<system-out>([\s\S]*?)<\/system-out>/.exec(first.body)?.[1] ?? ''
    expect(Buffer.byteLength(raw, 'utf8')).to.be.at.most(64 * 1024)
    expect(Buffer.byteLength(raw, 'utf8')).to.be.above(60 * 1024)
    expect(unescape(raw)).to.include('system-out truncated')
    expect((await validate(out)).valid).to.equal(true)
  })

  it('keeps the whole file within its byte cap, every testcase still listed, with a note', async () => {
    const results: CheckResult[] = []
    for (let i = 0; i < 40; i++) {
      const r = sampleResults()[i % 7]
      results.push({ ...r, name: `${r.name} #run${i}`, notes: ['x'.repeat(20_000)] })
    }
    const maxBytes = 300_000
    const out = renderJunit(sampleRun(results), { maxBytes })
    expect(Buffer.byteLength(out, 'utf8')).to.be.at.most(maxBytes)
    const cases = elements(out, 'testcase')
    expect(cases).to.have.length(40)
    for (const c of cases) {
      const r = results.find((x) => c.attrs.name.startsWith(`${x.name} (`))
      if (!r) throw new Error(`no result for ${c.attrs.name}`)
      const out = systemOut(c)
      expect(out).to.include(`Severity: ${r.severity}`)
      for (const ref of r.requirements) expect(out).to.include(ref)
    }
    expect(cases.filter((c) => systemOut(c).includes('left out to keep junit.xml under its size cap'))).to.not.be.empty
    expect(out).to.match(/size cap \(300000 bytes\) reached: details of \d+ testcase/)
    const res = await validate(out)
    expect(res.errors.map((e) => e.rawMessage)).to.deep.equal([])
  })

  it('stays under 30 MB with the default cap however much evidence there is', () => {
    const results: CheckResult[] = []
    for (let i = 0; i < 600; i++) {
      const r = sampleResults()[1]
      results.push({ ...r, name: `${r.name} #${i}`, notes: ['y'.repeat(80_000)] })
    }
    const out = renderJunit(sampleRun(results))
    const bytes = Buffer.byteLength(out, 'utf8')
    expect(bytes).to.be.at.most(20 * 1024 * 1024)
    expect(elements(out, 'testcase')).to.have.length(600)
  })
})
