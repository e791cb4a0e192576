// konform export verify: checks a bag offline, as a receiving system or an archivist would. Problems are
// returned one sentence each, in English and Swedish (empty = valid); a folder that is no bag at all (no bagit.txt) throws NotABagError.

import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Bilingual } from '../core/result.js'
import { oneLine } from '../errors.js'
import {
  BAG_INFO_TXT,
  BAGIT_TXT,
  EXPORT_MANIFEST,
  MANIFEST,
  parseManifest,
  sha256File,
  TAG_MANIFEST,
  type ExportFile,
  type ExportManifest,
} from './bag.js'

export class NotABagError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotABagError'
  }
}

/** A problem in both languages (the report's language picks one). */
export type Problem = Bilingual

const p = (en: string, sv: string): Problem => ({ en, sv })

/** The problems in English, one sentence each (the command line and older callers). */
export async function verifyBag(dir: string): Promise<string[]> {
  return (await verifyBagProblems(dir)).map((x) => x.en)
}

export async function verifyBagProblems(dir: string): Promise<Problem[]> {
  const st = await stat(dir).catch(() => undefined)
  if (!st?.isDirectory()) throw new NotABagError(`${dir} is not a folder`)
  const declaration = await readFile(path.join(dir, BAGIT_TXT), 'utf8').catch(() => undefined)
  if (declaration === undefined) throw new NotABagError(`${dir} is not a BagIt bag: it has no ${BAGIT_TXT}`)

  const problems: Problem[] = []
  const fields = tagFields(declaration)
  if (!/^1\.\d+$/.test(fields.get('BagIt-Version') ?? '')) problems.push(p(`${BAGIT_TXT}: BagIt-Version is missing or not 1.x`, `${BAGIT_TXT}: BagIt-Version saknas eller är inte 1.x`))
  if ((fields.get('Tag-File-Character-Encoding') ?? '').toUpperCase() !== 'UTF-8') problems.push(p(`${BAGIT_TXT}: Tag-File-Character-Encoding is not UTF-8`, `${BAGIT_TXT}: Tag-File-Character-Encoding är inte UTF-8`))

  // Payload manifest: every line's hash, and the payload exactly the files listed.
  const actual = new Map<string, number>() // data/… -> bytes
  for (const rel of await listFiles(dir, 'data')) actual.set(rel, (await stat(path.join(dir, rel))).size)
  const manifestText = await readFile(path.join(dir, MANIFEST), 'utf8').catch(() => undefined)
  const listed = new Set<string>()
  if (manifestText === undefined) {
    problems.push(p(`${MANIFEST} is missing`, `${MANIFEST} saknas`))
  } else {
    const { entries, bad } = parseManifest(manifestText)
    for (const line of bad) problems.push(p(`${MANIFEST}: unreadable line ${JSON.stringify(line.slice(0, 120))}`, `${MANIFEST}: oläslig rad ${JSON.stringify(line.slice(0, 120))}`))
    for (const e of entries) {
      if (!safeRelative(e.path) || !e.path.startsWith('data/')) {
        problems.push(p(`${MANIFEST} lists ${e.path}, which is not a path inside data/`, `${MANIFEST} listar ${e.path}, som inte är en sökväg i data/`))
        continue
      }
      listed.add(e.path)
      if (!actual.has(e.path)) {
        problems.push(p(`${e.path} is listed in ${MANIFEST} but missing`, `${e.path} listas i ${MANIFEST} men saknas`))
        continue
      }
      const h = await sha256File(path.join(dir, e.path))
      if (h.sha256 !== e.sha256) problems.push(p(`${e.path}: sha256 ${h.sha256} does not match ${MANIFEST} (${e.sha256})`, `${e.path}: sha256 ${h.sha256} stämmer inte med ${MANIFEST} (${e.sha256})`))
    }
  }
  for (const rel of actual.keys()) if (!listed.has(rel)) problems.push(p(`${rel} is in the payload but not in ${MANIFEST}`, `${rel} finns i innehållet men inte i ${MANIFEST}`))

  // bag-info.txt: Payload-Oxum = octets.count of the payload.
  const infoText = await readFile(path.join(dir, BAG_INFO_TXT), 'utf8').catch(() => undefined)
  if (infoText !== undefined) {
    const oxum = tagFields(infoText).get('Payload-Oxum')
    const octets = [...actual.values()].reduce((a, b) => a + b, 0)
    if (oxum !== undefined && oxum !== `${octets}.${actual.size}`) {
      problems.push(p(`${BAG_INFO_TXT}: Payload-Oxum ${oxum} does not match the payload (${octets}.${actual.size})`, `${BAG_INFO_TXT}: Payload-Oxum ${oxum} stämmer inte med innehållet (${octets}.${actual.size})`))
    }
  }

  // Tag manifest.
  const tagText = await readFile(path.join(dir, TAG_MANIFEST), 'utf8').catch(() => undefined)
  if (tagText === undefined) {
    problems.push(p(`${TAG_MANIFEST} is missing`, `${TAG_MANIFEST} saknas`))
  } else {
    const { entries, bad } = parseManifest(tagText)
    for (const line of bad) problems.push(p(`${TAG_MANIFEST}: unreadable line ${JSON.stringify(line.slice(0, 120))}`, `${TAG_MANIFEST}: oläslig rad ${JSON.stringify(line.slice(0, 120))}`))
    for (const e of entries) {
      if (!safeRelative(e.path) || e.path.startsWith('data/')) {
        problems.push(p(`${TAG_MANIFEST} lists ${e.path}, which is not a tag file`, `${TAG_MANIFEST} listar ${e.path}, som inte är en taggfil`))
        continue
      }
      const h = await sha256File(path.join(dir, e.path)).catch(() => undefined)
      if (!h) problems.push(p(`${e.path} is listed in ${TAG_MANIFEST} but missing`, `${e.path} listas i ${TAG_MANIFEST} men saknas`))
      else if (h.sha256 !== e.sha256) problems.push(p(`${e.path}: sha256 ${h.sha256} does not match ${TAG_MANIFEST} (${e.sha256})`, `${e.path}: sha256 ${h.sha256} stämmer inte med ${TAG_MANIFEST} (${e.sha256})`))
    }
  }

  // konform's manifest.json: counts and hashes against the files, and every record a JSON object with an id.
  const exportText = await readFile(path.join(dir, EXPORT_MANIFEST), 'utf8').catch(() => undefined)
  if (exportText === undefined) {
    problems.push(p(`${EXPORT_MANIFEST} is missing`, `${EXPORT_MANIFEST} saknas`))
    return problems
  }
  let manifest: ExportManifest
  try {
    manifest = JSON.parse(exportText) as ExportManifest
  } catch (err) {
    problems.push(p(`${EXPORT_MANIFEST} is not JSON: ${oneLine(err)}`, `${EXPORT_MANIFEST} är inte JSON: ${oneLine(err)}`))
    return problems
  }
  if (!Array.isArray(manifest?.files)) {
    problems.push(p(`${EXPORT_MANIFEST} has no files list`, `${EXPORT_MANIFEST} har ingen fillista (files)`))
    return problems
  }
  for (const f of manifest.files) {
    if (typeof f?.path !== 'string' || !safeRelative(f.path) || !f.path.startsWith('data/')) {
      problems.push(p(`${EXPORT_MANIFEST} names a file outside data/: ${JSON.stringify(f?.path)}`, `${EXPORT_MANIFEST} nämner en fil utanför data/: ${JSON.stringify(f?.path)}`))
      continue
    }
    if (!actual.has(f.path)) {
      problems.push(p(`${f.path} is named in ${EXPORT_MANIFEST} but missing`, `${f.path} nämns i ${EXPORT_MANIFEST} men saknas`))
      continue
    }
    if (f.complete === false) problems.push(p(`${f.path}: the harvest of ${f.entity} did not complete: ${f.error ?? 'no reason recorded'}`, `${f.path}: skördningen av ${f.entity} blev inte klar: ${f.error ?? 'inget skäl angivet'}`))
    problems.push(...(await checkContent(dir, f)))
  }
  for (const rel of actual.keys()) if (!manifest.files.some((f) => f?.path === rel)) problems.push(p(`${rel} is not described in ${EXPORT_MANIFEST}`, `${rel} beskrivs inte i ${EXPORT_MANIFEST}`))
  return problems
}

/** One payload file against its manifest.json entry: sha256, count, and each record parses and has an id. */
async function checkContent(dir: string, f: ExportFile): Promise<Problem[]> {
  const problems: Problem[] = []
  const file = path.join(dir, f.path)
  const h = await sha256File(file)
  if (h.sha256 !== f.sha256) problems.push(p(`${f.path}: sha256 does not match ${EXPORT_MANIFEST}`, `${f.path}: sha256 stämmer inte med ${EXPORT_MANIFEST}`))
  if (f.format === 'json') {
    let count = 0
    try {
      const body = JSON.parse(await readFile(file, 'utf8')) as { data?: Record<string, unknown> }
      for (const ids of Object.values(body?.data ?? {})) if (Array.isArray(ids)) count += ids.length
    } catch (err) {
      problems.push(p(`${f.path} is not JSON: ${oneLine(err)}`, `${f.path} är inte JSON: ${oneLine(err)}`))
      return problems
    }
    if (count !== f.count) problems.push(p(`${f.path} lists ${count} ids, ${EXPORT_MANIFEST} says ${f.count}`, `${f.path} listar ${count} id:n, ${EXPORT_MANIFEST} anger ${f.count}`))
    return problems
  }
  let lines = 0
  let reported = 0
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  for await (const line of rl) {
    if (line === '') continue
    lines++
    let rec: unknown
    try {
      rec = JSON.parse(line)
    } catch {
      if (reported++ < 5) problems.push(p(`${f.path} line ${lines} is not JSON`, `${f.path} rad ${lines} är inte JSON`))
      continue
    }
    const id = (rec as { id?: unknown } | null)?.id
    if (!rec || typeof rec !== 'object' || Array.isArray(rec) || typeof id !== 'string' || !id) {
      if (reported++ < 5) problems.push(p(`${f.path} line ${lines} is not a record with an id`, `${f.path} rad ${lines} är ingen post med id`))
    }
  }
  if (reported > 5) problems.push(p(`${f.path}: ${reported - 5} more lines with the same kind of problem`, `${f.path}: ${reported - 5} rader till med samma slags problem`))
  if (lines !== f.count) problems.push(p(`${f.path} has ${lines} records, ${EXPORT_MANIFEST} says ${f.count}`, `${f.path} har ${lines} poster, ${EXPORT_MANIFEST} anger ${f.count}`))
  return problems
}

function tagFields(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0 && !/^\s/.test(line)) out.set(line.slice(0, i).trim(), line.slice(i + 1).trim())
  }
  return out
}

function safeRelative(p: string): boolean {
  return !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..')
}

/** Files under dir/sub, as bag-relative paths with '/'. */
async function listFiles(dir: string, sub: string): Promise<string[]> {
  const out: string[] = []
  const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => [])
  for (const e of entries) {
    const rel = `${sub}/${e.name}`
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)))
    else out.push(rel)
  }
  return out
}
