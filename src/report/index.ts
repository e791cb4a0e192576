// Reports: pure renderers from a RunResult, plus writeReports() that puts all three files in one folder.

import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { RunResult } from '../core/result.js'
import { renderHtml } from './html/render.js'
import { renderJson } from './json.js'
import { renderJunit } from './junit.js'

export { renderHtml, CSP } from './html/render.js'
export { STRINGS, t, type Lang, type StringKey } from './html/strings.js'
export { parseResults, renderJson, validateResults, RESULTS_SCHEMA } from './json.js'
export { renderJunit, DEFAULT_JUNIT_LIMITS, type JunitLimits } from './junit.js'

export interface ReportPaths {
  json: string
  junit: string
  html: string
}

/** Write text to `path` through a temporary file and a rename, so a reader never sees a half-written report. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(tmp, text, 'utf8')
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

/**
 * mkdir -p that always ends: Node 20's `mkdir(…, {recursive: true})` spins forever under some parents
 * (seen with /proc/x), so the parents are made one by one.
 */
export async function mkdirp(dir: string): Promise<void> {
  try {
    await mkdir(dir)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return
    if (code !== 'ENOENT' || dirname(dir) === dir) throw err
    await mkdirp(dirname(dir))
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e
    })
  }
}

/**
 * Render results.json, junit.xml and report.html (in `lang`) from `run` and write them into `dir` (created if
 * missing). Everything is rendered before anything is written. Returns the absolute paths.
 */
export async function writeReports(run: RunResult, dir: string, lang: 'sv' | 'en'): Promise<ReportPaths> {
  const texts = { json: renderJson(run), junit: renderJunit(run), html: renderHtml(run, lang) }
  const root = resolve(dir)
  await mkdirp(root)
  const paths: ReportPaths = {
    json: join(root, 'results.json'),
    junit: join(root, 'junit.xml'),
    html: join(root, 'report.html'),
  }
  await Promise.all([
    writeAtomic(paths.json, texts.json),
    writeAtomic(paths.junit, texts.junit),
    writeAtomic(paths.html, texts.html),
  ])
  return paths
}
