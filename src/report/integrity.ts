// Integrity of a report folder: SHA256SUMS lists the SHA-256 of results.json, junit.xml and report.html in
// the format of GNU sha256sum (`<64 hex>  <file>`), so anyone can check a folder with `sha256sum -c SHA256SUMS`
// or `konform report verify DIR`. The manifest proves the files belong together and are unchanged since it was
// written; it is not a signature: whoever can change a file can rewrite the manifest too, so an evaluator compares
// the manifest's own digest (printed by verify) with one recorded elsewhere, e.g. in the tender documents.

import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export const SUMS_FILE = 'SHA256SUMS'
/** The files a report folder holds, in manifest order. */
export const REPORT_FILES = ['results.json', 'junit.xml', 'report.html'] as const

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export interface SumEntry {
  file: string
  sha256: string
}

/** SHA256SUMS text: one `<hex>  <file>` line per entry, LF line ends. */
export function renderSums(entries: readonly SumEntry[]): string {
  return entries.map((e) => `${e.sha256}  ${e.file}\n`).join('')
}

/**
 * Parse SHA256SUMS text. Accepts sha256sum's text (`  `) and binary (` *`) markers; refuses anything else,
 * including file names with a path (a manifest may only name files beside it). Throws a one-line Error.
 */
export function parseSums(text: string): SumEntry[] {
  const entries: SumEntry[] = []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line)
    if (!m) throw new Error(`${SUMS_FILE} line ${i + 1} is not "<sha256>  <file>"`)
    const file = m[2]
    if (/[/\\]/.test(file) || file === '.' || file === '..') throw new Error(`${SUMS_FILE} line ${i + 1} names a path, not a file beside it`)
    if (entries.some((e) => e.file === file)) throw new Error(`${SUMS_FILE} lists ${file} twice`)
    entries.push({ file, sha256: m[1].toLowerCase() })
  })
  if (entries.length === 0) throw new Error(`${SUMS_FILE} is empty`)
  return entries
}

export type FileCheck =
  | { file: string; status: 'ok'; sha256: string }
  | { file: string; status: 'mismatch'; expected: string; actual: string }
  | { file: string; status: 'missing'; expected: string }
  /** A report file present in the folder but not covered by the manifest. */
  | { file: string; status: 'unlisted'; actual: string }

export interface VerifyResult {
  dir: string
  /** SHA-256 of SHA256SUMS itself: compare with a digest recorded elsewhere to know the manifest is the original. */
  manifestSha256: string
  files: FileCheck[]
  ok: boolean
}

/** Thrown when `dir` is not a report folder (absent, not a folder, no or unreadable SHA256SUMS). */
export class NotAReportFolder extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotAReportFolder'
  }
}

async function readIfFile(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR') return undefined
    throw err
  }
}

/**
 * Recompute the SHA-256 of every file SHA256SUMS names in `dir` and compare. A report file (results.json,
 * junit.xml, report.html) present but not listed counts against the folder too. Never throws for a
 * mismatch; throws NotAReportFolder when there is nothing to verify.
 */
export async function verifyReports(dir: string): Promise<VerifyResult> {
  const root = resolve(dir)
  const info = await stat(root).catch(() => undefined)
  if (!info?.isDirectory()) throw new NotAReportFolder(`${dir} is not a folder`)
  const manifest = await readIfFile(join(root, SUMS_FILE))
  if (!manifest) throw new NotAReportFolder(`${dir} holds no ${SUMS_FILE}: not a report folder (or written before konform kept one)`)
  let entries: SumEntry[]
  try {
    entries = parseSums(manifest.toString('utf8'))
  } catch (err) {
    throw new NotAReportFolder(err instanceof Error ? err.message : String(err))
  }
  const files: FileCheck[] = []
  for (const e of entries) {
    const data = await readIfFile(join(root, e.file))
    if (!data) {
      files.push({ file: e.file, status: 'missing', expected: e.sha256 })
      continue
    }
    const actual = sha256Hex(data)
    files.push(actual === e.sha256 ? { file: e.file, status: 'ok', sha256: actual } : { file: e.file, status: 'mismatch', expected: e.sha256, actual })
  }
  for (const f of REPORT_FILES) {
    if (entries.some((e) => e.file === f)) continue
    const data = await readIfFile(join(root, f))
    if (data) files.push({ file: f, status: 'unlisted', actual: sha256Hex(data) })
  }
  return { dir: root, manifestSha256: sha256Hex(manifest), files, ok: files.every((f) => f.status === 'ok') }
}
