// Reports: pure renderers from a RunResult, plus writeReports() that puts all three files in one folder.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { RunResult } from '../core/result.js'
import { KonformError, oneLine } from '../errors.js'
import { renderHtml } from './html/render.js'
import { parseResults, renderJson } from './json.js'
import { renderJunit } from './junit.js'
import { renderSums, sha256Hex, SUMS_FILE } from './integrity.js'

export { renderHtml, CSP } from './html/render.js'
export { STRINGS, t, type Lang, type StringKey } from './html/strings.js'
export { parseResults, renderJson, validateResults, RESULTS_SCHEMA } from './json.js'
export { renderJunit, DEFAULT_JUNIT_LIMITS, type JunitLimits } from './junit.js'
export { diffRuns, renderDiffText, type ResultChange, type RunDiff, type RunIdentity } from './diff.js'
export {
  NotAReportFolder,
  REPORT_FILES,
  SUMS_FILE,
  parseSums,
  renderSums,
  sha256Hex,
  verifyReports,
  type FileCheck,
  type SumEntry,
  type VerifyResult,
} from './integrity.js'

export interface ReportPaths {
  json: string
  junit: string
  html: string
  /** SHA256SUMS over the three files (sha256sum format), written last. */
  sums: string
}

/** Write text to `path` through a temporary file and a rename, so a reader never sees a half-written report. */
async function writeAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(tmp, text)
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
 * missing), then SHA256SUMS over exactly the bytes written (R-10; `sha256sum -c SHA256SUMS` checks them).
 * Everything is rendered before anything is written; the manifest is written last, so a folder whose writing
 * broke off never holds a manifest that matches it. Returns the absolute paths.
 */
export async function writeReports(run: RunResult, dir: string, lang: 'sv' | 'en'): Promise<ReportPaths> {
  // junit.xml and report.html name the SHA-256 of the results.json they were rendered from.
  const json = Buffer.from(renderJson(run), 'utf8')
  const resultsSha256 = sha256Hex(json)
  const bytes = {
    json,
    junit: Buffer.from(renderJunit(run, {}, { resultsSha256 }), 'utf8'),
    html: Buffer.from(renderHtml(run, lang, { resultsSha256 }), 'utf8'),
  }
  const root = resolve(dir)
  await mkdirp(root)
  const paths: ReportPaths = {
    json: join(root, 'results.json'),
    junit: join(root, 'junit.xml'),
    html: join(root, 'report.html'),
    sums: join(root, SUMS_FILE),
  }
  // An old manifest in a reused folder must not vouch for files it never saw.
  await rm(paths.sums, { force: true })
  await rm(join(root, 'SIGNATURE.jws'), { force: true }) // a signature over the old files would only mislead
  await Promise.all([
    writeAtomic(paths.json, bytes.json),
    writeAtomic(paths.junit, bytes.junit),
    writeAtomic(paths.html, bytes.html),
  ])
  const sums = renderSums([
    { file: 'results.json', sha256: sha256Hex(bytes.json) },
    { file: 'junit.xml', sha256: sha256Hex(bytes.junit) },
    { file: 'report.html', sha256: sha256Hex(bytes.html) },
  ])
  await writeAtomic(paths.sums, sums)
  return paths
}

/** The RunResult in `file`, validated against results.schema.json; a one-line KonformError (exit 2) when the file
 *  cannot be read or is not a valid results.json. */
export async function readResultsFile(file: string): Promise<RunResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new KonformError(`cannot read ${file}: ${oneLine(err)}`)
  }
  try {
    return parseResults(text)
  } catch (err) {
    throw new KonformError(`${file}: ${oneLine(err)}`)
  }
}
