// report.html in a real browser: Debian's Chromium (/usr/bin/chromium; CI installs it with apt-get), driven by
// playwright-core, which never downloads a browser of its own. The report is opened from a file:// URL in an offline
// context whose every non-file request is aborted, as a procurement officer opens the file they were sent.
// Screenshots go to test-artifacts/ (git-ignored) for a person to look at.

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect } from 'chai'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { RunResult } from '../../src/core/result.js'
import { CSP, renderHtml, type Lang } from '../../src/report/html/render.js'
import { sampleResults, sampleRun } from '../helpers/sample-run.js'
import { runBuiltIn } from '../helpers/run.js'
import { applyWaivers } from '../../src/report/evidence.js'

// KONFORM_CHROMIUM points elsewhere (e.g. a Chrome on macOS); the default is Debian's package.
const CHROMIUM = process.env.KONFORM_CHROMIUM || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..') // dist/test/browser → project
const ARTIFACTS = path.join(ROOT, 'test-artifacts')

/** What a reader sees, per language: written out here rather than taken from strings.ts. */
const UI = {
  en: {
    failing: 'Meets the must-requirements of profile core: no',
    passing: 'Meets the must-requirements of profile core: yes',
    fail: /^Fail \(\d+\)$/,
    all: /^All \(\d+\)$/,
    search: 'Find check by id',
    shown: (n: number, total: number) => `${n} of ${total} shown`,
  },
  sv: {
    failing: 'Uppfyller skall-kraven i profil core: nej',
    passing: 'Uppfyller skall-kraven i profil core: ja',
    fail: /^Underkänd \(\d+\)$/,
    all: /^Alla \(\d+\)$/,
    search: 'Sök kontroll på id',
    shown: (n: number, total: number) => `${n} av ${total} visas`,
  },
} as const

/** Reports every CSP violation to the console, where the listener below collects it (Chromium logs most of them
 *  itself; this catches the rest). Injected by the driver, so the page's CSP does not apply to it. */
const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', function (e) {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)'));
}, true);`

interface Opened {
  url: string
  context: BrowserContext
  page: Page
  /** Console errors and warnings, uncaught exceptions, CSP violations. */
  problems: string[]
  /** Every request the page attempted (including ones the CSP blocked), and every one the route aborted. */
  requests: string[]
}

describe('report.html in Chromium (file://, offline)', function () {
  this.timeout(60_000)
  let browser: Browser | undefined
  let dir = ''
  const contexts: BrowserContext[] = []

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: the browser test needs Debian's chromium ` +
          '(apt-get install chromium; .ci/run installs it on CI). playwright-core never downloads a browser.',
      )
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    dir = await mkdtemp(path.join(os.tmpdir(), 'konform-browser-'))
    await mkdir(ARTIFACTS, { recursive: true })
  })

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function open(html: string, name: string): Promise<Opened> {
    if (!browser) throw new Error('no browser')
    const file = path.join(dir, name)
    await writeFile(file, html)
    const url = pathToFileURL(file).href
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } })
    contexts.push(context)
    const problems: string[] = []
    const requests: string[] = []
    await context.route('**', async (route) => {
      const u = route.request().url()
      if (u.startsWith('file:')) return route.continue()
      requests.push(`aborted by the test: ${u}`)
      return route.abort('blockedbyclient')
    })
    context.on('request', (r) => requests.push(r.url()))
    await context.addInitScript({ content: CSP_REPORTER })
    const page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
    await page.goto(url, { waitUntil: 'load' })
    return { url, context, page, problems, requests }
  }

  const visibleChecks = (page: Page) => page.locator('article.check:visible')

  async function visibleCheckIds(page: Page): Promise<string[]> {
    return visibleChecks(page).evaluateAll((els) => els.map((e) => e.id))
  }

  it('sees a blocked request and a CSP violation when a page makes one (control for the monitors below)', async () => {
    const o = await open(
      `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"></head>` +
        '<body><p>control</p><img alt="" src="https://example.invalid/pixel.png"></body></html>',
      'control.html',
    )
    expect(o.requests.some((r) => r.includes('https://example.invalid/pixel.png')), o.requests.join('\n')).to.equal(true)
    expect(o.problems.join('\n')).to.match(/Content Security Policy|CSP violation/)
    await o.context.close()
  })

  for (const lang of ['en', 'sv'] as const) {
    describe(`the failing sample run, ${lang}`, () => {
      const run = sampleRun()
      const total = run.results.length
      const failed = run.results.filter((r) => r.status === 'fail').length
      const exchanges = run.results.reduce((n, r) => n + r.evidence.length, 0)
      let o: Opened

      before(async () => {
        o = await open(renderHtml(run, lang), `report-${lang}.html`)
      })

      it(`shows the verdict headline "${UI[lang].failing}" in the first screenful`, async () => {
        const verdict = o.page.locator('#verdict')
        expect(await verdict.isVisible()).to.equal(true)
        expect((await verdict.innerText()).trim()).to.equal(UI[lang].failing)
        expect(await verdict.getAttribute('class')).to.include('no')
        const box = await verdict.boundingBox()
        expect(box, 'verdict box').to.not.equal(null)
        expect(box!.y + box!.height).to.be.below(900)
        expect(await o.page.locator('html').getAttribute('lang')).to.equal(lang)
      })

      it(`runs its script: the toolbar is shown with "${UI[lang].shown(total, total)}"; full-page screenshot`, async () => {
        expect(await o.page.locator('#toolbar').isVisible()).to.equal(true)
        expect(await o.page.locator('#shown').innerText()).to.equal(UI[lang].shown(total, total))
        expect(await visibleChecks(o.page).count()).to.equal(total)
        await o.page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}.png`), fullPage: true })
      })

      it('the Fail filter shows only the failed checks, All shows every check again', async () => {
        await o.page.getByRole('button', { name: UI[lang].fail }).click()
        const ids = await visibleCheckIds(o.page)
        expect(ids).to.have.length(failed)
        for (const id of ids) expect(await o.page.locator(`#${id}`).getAttribute('data-status')).to.equal('fail')
        expect(await o.page.getByRole('button', { name: UI[lang].fail }).getAttribute('aria-pressed')).to.equal('true')
        expect(await o.page.locator('#shown').innerText()).to.equal(UI[lang].shown(failed, total))

        await o.page.getByRole('button', { name: UI[lang].all }).click()
        expect(await visibleChecks(o.page).count()).to.equal(total)
        expect(await o.page.locator('#shown').innerText()).to.equal(UI[lang].shown(total, total))
      })

      it('typing a check id in the search box narrows the list to that check', async () => {
        const search = o.page.getByLabel(UI[lang].search)
        await search.pressSequentially('AUTH-MTLS-001')
        const ids = await visibleCheckIds(o.page)
        expect(ids).to.have.length(1)
        expect(await o.page.locator(`#${ids[0]} h3`).innerText()).to.include('AUTH-MTLS-001')
        expect(await o.page.locator('#shown').innerText()).to.equal(UI[lang].shown(1, total))

        await search.fill('')
        await search.pressSequentially('api-schema') // any case, part of an id: both operations of API-SCHEMA-001
        expect(await visibleChecks(o.page).count()).to.equal(2)

        await search.fill('')
        expect(await visibleChecks(o.page).count()).to.equal(total)
      })

      it('in print, every check and every exchange is shown expanded, and the toolbar is not', async () => {
        const closed = o.page.locator('details.exchange:not([open])')
        expect(await closed.count(), 'the sample has exchanges that start closed').to.be.above(0)
        expect(await closed.first().locator('pre.curl').isVisible(), 'closed on screen').to.equal(false)
        await o.page.getByRole('button', { name: UI[lang].fail }).click() // a filter must not hide checks from paper

        await o.page.emulateMedia({ media: 'print' })
        try {
          expect(await visibleChecks(o.page).count()).to.equal(total)
          expect(await o.page.locator('#toolbar').isVisible()).to.equal(false)
          const curls = o.page.locator('details.exchange pre.curl')
          expect(await curls.count()).to.equal(exchanges)
          for (let i = 0; i < exchanges; i++) expect(await curls.nth(i).isVisible(), `exchange ${i + 1} in print`).to.equal(true)
          const bodies = o.page.locator('details.exchange:not([open]) pre')
          for (let i = 0; i < (await bodies.count()); i++) expect(await bodies.nth(i).isVisible()).to.equal(true)
        } finally {
          await o.page.emulateMedia({ media: 'screen' })
          await o.page.getByRole('button', { name: UI[lang].all }).click()
        }
        expect(await closed.first().locator('pre.curl').isVisible(), 'closed again on screen').to.equal(false)
      })

      it('logged no console error, no uncaught exception, no CSP violation, and requested nothing but itself', async () => {
        expect(o.problems, o.problems.join('\n')).to.deep.equal([])
        expect([...new Set(o.requests)], o.requests.join('\n')).to.deep.equal([o.url])
      })
    })
  }

  // ---- evidence (issue #7): a real run with failures, a waiver and the suite filter ----
  describe('a real failing run of the built-in server (fault paging.ignore-limit, one failure waived), en', () => {
    let o: Opened
    let run: RunResult
    before(async () => {
      const raw = await runBuiltIn({ faults: ['paging.ignore-limit'], about: { vendor: 'Exempel AB', product: 'Elevregistret', version: '3.2' } })
      run = applyWaivers(raw, [{ check: 'API-PAGING-002', operation: 'GET /organisations', reason: 'fixed in 3.3', expires: '2099-12-31' }], '2026-01-01')
      o = await open(renderHtml(run, 'en', { resultsSha256: 'a'.repeat(64) }), 'real-failing-en.html')
    })

    it('shows "no", the counts per status and severity, the waived failure and the failure in plain words; screenshot kept', async () => {
      expect((await o.page.locator('#verdict').innerText()).trim()).to.equal(UI.en.failing)
      expect(await o.page.locator('table.counts').isVisible()).to.equal(true)
      expect(await o.page.locator('table.counts tbody tr').count()).to.equal(4) // must, should, may, total
      const counts = await o.page.locator('table.counts').boundingBox()
      expect(counts!.y + counts!.height, 'the counts are in the first screenful, under the verdict').to.be.below(900)
      expect(await o.page.locator('#waived-count').innerText()).to.contain('1 failing result(s) waived')
      const persons = o.page.locator('article.check', { hasText: 'API-PAGING-002 [GET /persons]' })
      expect(await persons.locator('.failures').innerText()).to.match(/Expected[\s\S]*Actual/)
      expect(await o.page.locator('#about').innerText()).to.contain('Elevregistret')
      await o.page.screenshot({ path: path.join(ARTIFACTS, 'report-real-failing-en.png') }) // the first screenful: verdict and counts
    })

    it('the suite filter shows only the checks of the chosen suite, and all again', async () => {
      const total = run.results.length
      const auth = run.results.filter((r) => r.suite === 'auth').length
      expect(auth).to.be.above(0).and.below(total)
      await o.page.getByLabel('Suite').selectOption('auth')
      const ids = await visibleCheckIds(o.page)
      expect(ids).to.have.length(auth)
      for (const id of ids) expect(await o.page.locator(`#${id}`).getAttribute('data-suite')).to.equal('auth')
      expect(await o.page.locator('#shown').innerText()).to.equal(UI.en.shown(auth, total))
      await o.page.getByLabel('Suite').selectOption('all')
      expect(await visibleChecks(o.page).count()).to.equal(total)
    })

    it('logged no console error and requested nothing but itself', async () => {
      expect(o.problems, o.problems.join('\n')).to.deep.equal([])
      expect([...new Set(o.requests)]).to.deep.equal([o.url])
    })
  })

  // report3 (issue #7): the same kind of real failing run in Swedish states its findings in Swedish
  describe('a real failing run of the built-in server (fault paging.ignore-limit), sv', () => {
    let o: Opened
    before(async () => {
      const run = await runBuiltIn({ faults: ['paging.ignore-limit'] })
      o = await open(renderHtml(run, 'sv'), 'real-failing-sv.html')
    })
    after(() => o?.context.close())

    it('shows "nej" and the finding in Swedish (message, Förväntat, Faktiskt), and the traceability table; screenshot kept', async () => {
      expect((await o.page.locator('#verdict').innerText()).trim()).to.equal(UI.sv.failing)
      const persons = o.page.locator('article.check', { hasText: 'API-PAGING-002 [GET /persons]' })
      const failures = await persons.locator('.failures').innerText()
      expect(failures).to.match(/GET \/persons\?limit=\d+ levererade \d+ poster/)
      expect(failures).to.match(/Förväntat\s+högst \d+[\s\S]*Faktiskt/)
      expect(failures).to.not.match(/served \d+ records|at most/)
      expect(await o.page.locator('#traceability').innerText()).to.match(/ej provat\s+profilen core omfattar det inte/)
      await persons.locator('.failures').evaluate((e) => e.scrollIntoView({ block: 'center' }))
      await o.page.screenshot({ path: path.join(ARTIFACTS, 'report-real-failing-sv.png') })
      expect(o.problems, o.problems.join('\n')).to.deep.equal([])
      expect([...new Set(o.requests)]).to.deep.equal([o.url])
    })
  })

  for (const lang of ['en', 'sv'] as const) {
    it(`a passing run says "${UI[lang].passing}" (${lang})`, async () => {
      const passing: RunResult = sampleRun(sampleResults().filter((r) => r.severity !== 'must' || r.status === 'pass'))
      const o = await open(renderHtml(passing, lang as Lang), `passing-${lang}.html`)
      const verdict = o.page.locator('#verdict')
      expect(await verdict.isVisible()).to.equal(true)
      expect((await verdict.innerText()).trim()).to.equal(UI[lang].passing)
      expect(await verdict.getAttribute('class')).to.include('yes')
      expect(o.problems, o.problems.join('\n')).to.deep.equal([])
      expect([...new Set(o.requests)]).to.deep.equal([o.url])
      await o.context.close()
    })
  }
})
