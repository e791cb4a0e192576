// report.html: self-contained (nothing loaded from anywhere), hostile target content escaped, both languages,
// every check and requirement present.

import { execFileSync } from 'node:child_process'
import { expect } from 'chai'
import type { Exchange } from '../../src/core/result.js'
import { curlFor, curlVariables, renderHtml } from '../../src/report/html/render.js'
import { SCRIPT } from '../../src/report/html/script.js'
import { STRINGS } from '../../src/report/html/strings.js'
import { CSS } from '../../src/report/html/style.js'
import { HOSTILE, sampleResults, sampleRun } from '../helpers/sample-run.js'

const escHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** Every attribute value in the document: [name, value]. */
function attributes(html: string): [string, string][] {
  const out: [string, string][] = []
  for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const m of tag[0].matchAll(/\s([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      out.push([m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? ''])
    }
  }
  return out
}

describe('report.html', () => {
  const run = sampleRun()
  const en = renderHtml(run, 'en')
  const sv = renderHtml(run, 'sv')

  it('loads nothing from outside the file: no http(s) in src/href/url(), only in-page links', () => {
    for (const html of [en, sv]) {
      for (const [name, value] of attributes(html)) {
        if (['src', 'href', 'action', 'formaction', 'poster', 'srcset', 'data', 'xlink:href', 'background'].includes(name)) {
          expect(value, `${name}="${value}"`).to.not.match(/^\s*(https?:)?\/\//i)
        }
        if (name === 'href') expect(value, `href="${value}"`).to.match(/^#/)
        expect(name, 'no src attribute at all').to.not.equal('src')
      }
      expect(html).to.not.match(/url\(\s*['"]?\s*(https?:)?\/\//i)
      expect(html).to.not.match(/@import|<link\b|<iframe\b|<img\b|<object\b|<embed\b|<base\b/i)
    }
    expect(CSS).to.not.match(/url\(|@import|@font-face/)
  })

  it('sets a Content-Security-Policy that forbids network access', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(en)?.[1] ?? ''
    for (const directive of ["default-src 'none'", "style-src 'unsafe-inline'", "script-src 'unsafe-inline'", 'img-src data:']) {
      expect(csp).to.include(directive)
    }
    expect(en.indexOf('Content-Security-Policy')).to.be.below(en.indexOf('<style>'))
  })

  it('has exactly one inline script, ours, and it parses', () => {
    expect(en.match(/<script\b/g)).to.have.length(1)
    expect(en).to.include(`<script>${SCRIPT}</script>`)
    expect(() => new Function(SCRIPT)).to.not.throw()
  })

  it('escapes hostile content from the target (bodies, headers, findings, names)', () => {
    for (const html of [en, sv]) {
      expect(html).to.not.include(HOSTILE.script)
      expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).to.not.include(']]>')
      expect(html).to.include(']]&gt;')
      expect(html).to.not.include('\u0000')
      expect(html).to.include('\u2400') // NUL shown as ␀
      expect(html).to.not.match(/[\uD800-\uDFFF]/u) // no lone surrogate
      expect(html).to.include('&quot;quoted&quot; &amp; &#39;single&#39;') // the x-debug header value
    }
    const results = sampleResults()
    results[0] = { ...results[0], name: 'X" onmouseover="alert(1)', checkId: '<img src=x onerror=alert(1)>' }
    const hostile = renderHtml(sampleRun(results), 'en')
    expect(hostile).to.not.include('" onmouseover="')
    expect(hostile).to.not.include('<img')
    expect(hostile).to.include('data-search="x&quot; onmouseover=&quot;alert(1) &lt;img src=x onerror=alert(1)&gt; "')
  })

  it('has html lang and the verdict headline in its own language', () => {
    expect(en).to.include('<html lang="en">')
    expect(sv).to.include('<html lang="sv">')
    expect(en).to.include('Meets the must-requirements of profile core: no')
    expect(sv).to.include('Uppfyller skall-kraven i profil core: nej')
    expect(en).to.not.include('Uppfyller skall-kraven')
    expect(sv).to.not.include('Meets the must-requirements')

    const passing = sampleRun(sampleResults().filter((r) => r.severity !== 'must' || r.status === 'pass'))
    expect(renderHtml(passing, 'en')).to.include('Meets the must-requirements of profile core: yes')
    expect(renderHtml(passing, 'sv')).to.include('Uppfyller skall-kraven i profil core: ja')
  })

  it('shows the summary first: target, profile, dates, tool, spec identity, counts, decision rule', () => {
    const summary = en.slice(en.indexOf('<section id="summary"'), en.indexOf('<section id="traceability"'))
    expect(en.indexOf('<section id="summary"')).to.be.below(en.indexOf('<section id="traceability"'))
    expect(en.indexOf('<section id="traceability"')).to.be.below(en.indexOf('<section id="results"'))
    for (const s of [run.target.url, run.profile, run.tool.version, run.spec.title, run.spec.version, run.spec.sha256, run.runId]) {
      expect(summary).to.include(escHtml(s))
    }
    expect(summary).to.include('2025-03-04 09:00:00 UTC')
    expect(summary).to.include(escHtml(run.verdict.rule.en))
    expect(sv).to.include(escHtml(run.verdict.rule.sv))
    // counts per severity × status: must row = 2 pass, 1 fail, 0 skip, 0 error, 3 total
    expect(summary).to.match(
      /<th scope="row">must<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num"><strong>3<\/strong>/,
    )
  })

  it('traces every requirement to its checks, and lists untested ones', () => {
    const trace = en.slice(en.indexOf('<section id="traceability"'), en.indexOf('<section id="results"'))
    for (const ref of Object.keys(run.requirements)) expect(trace).to.include(`<code>${escHtml(ref)}</code>`)
    expect(trace).to.match(/SS12000-DELETED[\s\S]*?not tested/)
    expect(trace).to.include('href="#c2"')
  })

  it('has a section for every check with title in the chosen language, requirements, failures and exchanges', () => {
    run.results.forEach((r, i) => {
      const id = `c${i + 1}`
      for (const [html, lang] of [[en, 'en'], [sv, 'sv']] as const) {
        const start = html.indexOf(`<article class="check ${r.status}" id="${id}"`)
        expect(start, `${r.name} in ${lang}`).to.be.above(0)
        const block = html.slice(start, html.indexOf('</article>', start))
        expect(block).to.include(escHtml(r.name))
        expect(block).to.include(escHtml(r.title[lang]))
        for (const ref of r.requirements) expect(block).to.include(escHtml(run.requirements[ref].text[lang]))
        if (r.reason) expect(block).to.include(escHtml(r.reason))
        for (const f of r.failures) {
          if (f.expected) expect(block).to.include(`<pre>${escHtml(f.expected)}</pre>`)
        }
        for (const x of r.evidence) {
          expect(block).to.include(`${escHtml(x.id)} ${escHtml(x.request.method)} ${escHtml(x.request.url)} → `)
          for (const [k, v] of Object.entries(x.request.headers)) expect(block).to.include(`<td class="mono">${escHtml(k)}</td><td class="mono">${escHtml(v)}</td>`)
        }
      }
    })
    expect(en).to.include('Ängby skola')
    expect(sv).to.include('Bläddring ger varje objekt exakt en gång')
    expect(en).to.include('Paging returns every object exactly once')
  })

  it('has the filter toolbar, a search box, print rules and an end-of-report marker', () => {
    for (const s of ['all', 'pass', 'fail', 'skip', 'error']) expect(en).to.include(`data-filter="${s}"`)
    expect(en).to.include('<input type="search" id="search"')
    expect(en).to.match(/@media print \{[\s\S]*filtered-out[\s\S]*details::details-content/)
    expect(SCRIPT).to.include('beforeprint')
    expect(en).to.include(`End of report ${run.runId}: ${run.results.length} check results.`)
  })

  it('is pure: the same run renders the same bytes', () => {
    expect(renderHtml(sampleRun(), 'en')).to.equal(en)
  })

  it('has every text in both languages', () => {
    for (const [key, v] of Object.entries(STRINGS)) {
      expect(v.en, key).to.be.a('string').and.not.equal('')
      expect(v.sv, key).to.be.a('string').and.not.equal('')
    }
  })

  describe('the reproduce curl command', () => {
    const exchange = (headers: Record<string, string>, extra: Partial<Exchange['request']> = {}): Exchange => ({
      id: 'e1',
      startedAt: '2025-03-04T09:00:00.000Z',
      durationMs: 1,
      request: { method: 'GET', url: 'https://sis.example.se/ss12000/v2/persons?limit=2', headers, ...extra },
    })

    /** The arguments bash hands to curl when the command is pasted after exporting the variables. */
    function argv(cmd: string, env: Record<string, string> = {}): string[] {
      const out = execFileSync('bash', ['--noprofile', '--norc', '-c', `curl() { printf '%s\\0' "$@"; }\n${cmd}`], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
        encoding: 'utf8',
      })
      return out.split('\0').slice(0, -1)
    }

    it('sends the access token as $KONFORM_TOKEN, for «access-token» and «KONFORM_TOKEN» alike', () => {
      for (const marker of ['«access-token»', '«KONFORM_TOKEN»']) {
        const x = exchange({ accept: 'application/json', authorization: `Bearer ${marker}` })
        const cmd = curlFor(x)
        expect(cmd).to.include('-H "Authorization: Bearer $KONFORM_TOKEN"')
        expect(cmd).to.not.include(marker)
        expect(curlVariables(x)).to.deep.equal(['KONFORM_TOKEN'])
        expect(argv(cmd, { KONFORM_TOKEN: 'tok.en-123' })).to.deep.equal([
          '-X', 'GET', 'https://sis.example.se/ss12000/v2/persons?limit=2',
          '-H', 'accept: application/json',
          '-H', 'Authorization: Bearer tok.en-123',
        ])
      }
    })

    it('sends the client secret as $KONFORM_CLIENT_SECRET: -u for client_secret_basic, in place anywhere else', () => {
      const basic = exchange(
        { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic «KONFORM_CLIENT_SECRET»' },
        { method: 'POST', url: 'https://auth.example.se/token', body: 'grant_type=client_credentials' },
      )
      const cmd = curlFor(basic)
      expect(cmd).to.include('-u "$KONFORM_CLIENT_ID:$KONFORM_CLIENT_SECRET"')
      expect(cmd).to.not.include('«')
      expect(curlVariables(basic)).to.deep.equal(['KONFORM_CLIENT_ID', 'KONFORM_CLIENT_SECRET'])
      expect(argv(cmd, { KONFORM_CLIENT_ID: 'konform', KONFORM_CLIENT_SECRET: 's3cr3t' })).to.deep.equal([
        '-X', 'POST', 'https://auth.example.se/token',
        '-H', 'content-type: application/x-www-form-urlencoded',
        '-u', 'konform:s3cr3t',
        '--data-raw', 'grant_type=client_credentials',
      ])

      // the secret in a form body (client_secret_post) and next to characters the shell must not act on
      const post = exchange(
        { 'x-note': `it's $(echo pwned) «KONFORM_CLIENT_SECRET»` },
        { method: 'POST', url: 'https://auth.example.se/token', body: 'client_secret=«KONFORM_CLIENT_SECRET»&client_id=konform' },
      )
      const words = argv(curlFor(post), { KONFORM_CLIENT_SECRET: 'a b$c' })
      expect(words).to.include('client_secret=a b$c&client_id=konform')
      expect(words).to.include(`x-note: it's $(echo pwned) a b$c`)
      expect(curlFor(post)).to.include('--data-raw "client_secret=$KONFORM_CLIENT_SECRET&client_id=konform"')
    })

    it('keeps every other redaction marker as it is, and nothing from the target expands', () => {
      const x = exchange(
        { authorization: 'Bearer «redacted»', cookie: '«redacted»', 'x-search': '«name-1» `id` $HOME' },
        { url: 'https://sis.example.se/ss12000/v2/persons?civicNo=%C2%ABcivicno-1%C2%BB&q=«query-1»' },
      )
      const cmd = curlFor(x)
      expect(cmd).to.not.include('$KONFORM')
      expect(curlVariables(x)).to.deep.equal([])
      expect(argv(cmd, { HOME: '/home/x' })).to.deep.equal([
        '-X', 'GET', 'https://sis.example.se/ss12000/v2/persons?civicNo=%C2%ABcivicno-1%C2%BB&q=«query-1»',
        '-H', 'Authorization: Bearer «redacted»',
        '-H', 'cookie: «redacted»',
        '-H', 'x-search: «name-1» `id` $HOME',
      ])
    })

    it('shows the placeholders in the report and tells the reader what to export', () => {
      for (const [html, needs] of [
        [en, 'Before pasting it, export KONFORM_TOKEN (an access token for the target)'],
        [sv, 'Exportera KONFORM_TOKEN (en åtkomsttoken för målet)'],
      ] as const) {
        expect(html).to.include('-H &quot;Authorization: Bearer $KONFORM_TOKEN&quot;')
        expect(html).to.include('-u &quot;$KONFORM_CLIENT_ID:$KONFORM_CLIENT_SECRET&quot;')
        expect(html).to.include(escHtml(needs))
        const curls = [...html.matchAll(/<pre class="curl">([^<]*)<\/pre>/g)].map((m) => m[1])
        expect(curls).to.have.length(run.results.reduce((n, r) => n + r.evidence.length, 0))
        for (const c of curls) expect(c).to.not.match(/«(access-token|KONFORM_TOKEN|KONFORM_CLIENT_SECRET)»/)
      }
      expect(en).to.include('Before pasting it, export KONFORM_CLIENT_ID (the --client-id value), KONFORM_CLIENT_SECRET (the client secret)')
    })
  })
})
