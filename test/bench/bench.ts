// npm run bench: speed and memory figures of the parts that matter, printed, never asserted.
// (Timed tests are flaky on shared machines; this script is where targets are measured.)

import { loadSpec } from '../../src/spec/load.js'
import { runPlan } from '../../src/run.js'
import { renderJunit } from '../../src/report/junit.js'
import { renderHtml } from '../../src/report/html/render.js'
import { renderJson } from '../../src/report/json.js'
import { harvest } from '../../src/export/harvest.js'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`

let t0 = performance.now()
const spec = await loadSpec()
console.log(`spec load + validate:            ${ms(t0)}`)
t0 = performance.now()
for (const op of spec.operations) for (const p of Object.values(op.responses)) if (p) spec.validators.compile(p)
console.log(`compile all response schemas:    ${ms(t0)}`)

const runs = 3
const times: number[] = []
let last
for (let i = 0; i < runs; i++) {
  t0 = performance.now()
  last = await runPlan({ profile: 'core', suites: ['api', 'auth', 'export'], limits: { ratePerSecond: 0 } })
  times.push(performance.now() - t0)
}
const exchanges = last!.results.reduce((n, r) => n + r.evidence.length, 0)
console.log(`full run on reference server:    median ${times.sort((a, b) => a - b)[1].toFixed(0)} ms of ${runs} (${last!.results.length} results, ${exchanges} exchanges)`)
t0 = performance.now()
const json = renderJson(last!)
const junit = renderJunit(last!)
const html = renderHtml(last!, 'en')
console.log(`render json+junit+html:          ${ms(t0)} (${mb(json.length)}, ${mb(junit.length)}, ${mb(html.length)})`)
const dnp = await runPlan({ profile: 'skolverket-dnp', suites: ['api', 'auth', 'export'], limits: { ratePerSecond: 0 } })
console.log(`skolverket-dnp run:              ${dnp.durationMs} ms (${dnp.results.length} results)`)
const bag = await mkdtemp(path.join(os.tmpdir(), 'konform-bench-'))
t0 = performance.now()
await harvest({ profile: 'skolverket-dnp', out: path.join(bag, 'bag'), pageSize: 7, limits: { ratePerSecond: 0 } })
console.log(`export harvest (dnp, pages of 7): ${ms(t0)}`)
await rm(bag, { recursive: true, force: true })

// --- export: a larger dataset served by another process; the kit's harvest against a bare undici loop ---------
{
  const { spawn } = await import('node:child_process')
  const { createInterface } = await import('node:readline')
  const { request } = await import('undici')
  const units = Number(process.env.BENCH_UNITS ?? 40)
  const pupils = Number(process.env.BENCH_PUPILS ?? 250)
  const child = spawn(process.execPath, [fileURLToPath(new URL('./serve-large.js', import.meta.url)), String(units), String(pupils)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  const s = JSON.parse(first) as { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string; records: number }
  const auth = { kind: 'client-credentials' as const, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret }
  const pageSize = 500
  try {
    // The bare loop: the same pages, one after the other, parsed for the pageToken only; nothing validated or written.
    const tok = await request(s.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    })
    const bearer = `Bearer ${((await tok.body.json()) as { access_token: string }).access_token}`
    const bare = async () => {
      let n = 0
      for (const list of ['organisations', 'persons', 'groups', 'duties', 'activities', 'deletedEntities']) {
        let url = `${s.baseUrl}/${list}?limit=${pageSize}`
        for (;;) {
          const res = await request(url, { headers: { authorization: bearer } })
          const body = (await res.body.json()) as { data: unknown; pageToken?: string | null }
          if (Array.isArray(body.data)) n += body.data.length
          if (!body.pageToken) break
          url = `${s.baseUrl}/${list}?pageToken=${encodeURIComponent(body.pageToken)}`
        }
      }
      return n
    }
    await bare() // warm-up (server caches, JIT)
    const bareTimes: number[] = []
    const kitTimes: number[] = []
    const rss: number[] = []
    let records = 0
    let bareRecords = 0
    // Interleaved, so a busy moment of the machine weighs on both alike.
    for (let i = 0; i < 3; i++) {
      t0 = performance.now()
      bareRecords = await bare()
      bareTimes.push(performance.now() - t0)
      const dir = await mkdtemp(path.join(os.tmpdir(), 'konform-bench-'))
      const before = process.memoryUsage().rss
      t0 = performance.now()
      const r = await harvest({
        target: s.baseUrl,
        auth,
        profile: 'skolverket-dnp',
        out: path.join(dir, 'bag'),
        pageSize,
        limits: { ratePerSecond: 0 },
        onPage: (p) => {
          if (i === 2 && p.pages % 10 === 0) rss.push(process.memoryUsage().rss - before)
        },
      })
      kitTimes.push(performance.now() - t0)
      records = r.manifest.files.filter((f) => f.format === 'ndjson').reduce((n, f) => n + f.count, 0)
      await rm(dir, { recursive: true, force: true })
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]
    const kit = median(kitTimes)
    const base = median(bareTimes)
    console.log(`export dataset:                  ${s.records} records (${units} school units x ${pupils} pupils), pages of ${pageSize}`)
    console.log(`export harvest (validated, written): median ${kit.toFixed(0)} ms = ${Math.round((records * 1000) / kit)} entities/s`)
    console.log(`bare undici loop (same pages):   median ${base.toFixed(0)} ms = ${Math.round((bareRecords * 1000) / base)} entities/s (${bareRecords} records; the kit wrote ${records})`)
    console.log(`overhead ratio (kit / bare):     ${(kit / base).toFixed(2)}x`)
    if (rss.length) console.log(`RSS growth during one harvest:   ${rss.map(mb).join(' -> ')} (sampled every 10 pages)`)
  } finally {
    child.kill('SIGTERM')
  }
}
console.log(`peak RSS (client process):       ${mb(process.resourceUsage().maxRSS * 1024)}`)

// --- scale (issue #3): the reference server at --scale N in its own process: start time, its memory, a harvest ---
// BENCH_SCALES: comma-separated entity counts (default 100000,1000000); BENCH_SCALES=0 leaves the section out.
{
  const { spawn } = await import('node:child_process')
  const { createInterface } = await import('node:readline')
  const scales = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0)
  for (const scale of scales) {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', fileURLToPath(new URL('./serve-scale.js', import.meta.url)), String(scale)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
    const t = performance.now()
    const first = await lines.next()
    if (first.done) {
      console.log(`scale ${scale}: the server did not start`)
      continue
    }
    const wall = performance.now() - t
    const s = JSON.parse(first.value) as { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string; records: number; startMs: number; rss: number }
    console.log(`scale ${scale}: server start          ${(wall / 1000).toFixed(1)} s wall (${(s.startMs / 1000).toFixed(1)} s in startReferenceServer), ${s.records} entities, RSS after start ${mb(s.rss)}`)
    const dir = await mkdtemp(path.join(os.tmpdir(), 'konform-bench-'))
    try {
      const before = process.memoryUsage().rss
      t0 = performance.now()
      const r = await harvest({
        target: s.baseUrl,
        auth: { kind: 'client-credentials', tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret },
        profile: 'skolverket-dnp',
        out: path.join(dir, 'bag'),
        pageSize: 1000,
        limits: { ratePerSecond: 0 },
      })
      const took = performance.now() - t0
      const records = r.manifest.files.filter((f) => f.format === 'ndjson').reduce((n, f) => n + f.count, 0)
      console.log(`scale ${scale}: harvest (dnp, pages of 1000) ${(took / 1000).toFixed(1)} s = ${Math.round((records * 1000) / took)} entities/s (${records} records), client RSS +${mb(process.memoryUsage().rss - before)}`)
    } catch (err) {
      console.log(`scale ${scale}: harvest failed: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      await rm(dir, { recursive: true, force: true })
      child.kill('SIGTERM')
      const last = await lines.next()
      if (!last.done) console.log(`scale ${scale}: server peak RSS         ${mb((JSON.parse(last.value) as { maxRss: number }).maxRss)}`)
    }
  }
}
