// konform verify-export: an archive checked offline (no network) and reported as a normal konform run, so the
// same results.json / junit.xml / report.html serve the huvudman's archivist as they serve a live run.
// Four kinds of result: the bag itself (hashes, counts, Payload-Oxum: EXPORT-ARCHIVE-027), record ids (UUIDs,
// each once per file: EXPORT-ID-006), every record against the SS 12000 schema of its list (EXPORT-SCHEMA-015) and
// every reference resolved across the archive (EXPORT-REFS-009). Findings quote ids and paths, never record
// content, and pass through the redactor like every other artefact.

import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { requirementInfo } from '../core/requirements.js'
import { mustPassed, RESULT_SCHEMA_VERSION, summarise, VERDICT_RULE, type CheckResult, type Failure, type RequirementInfo, type RunResult, type Severity } from '../core/result.js'
import { DEFAULT_LIMITS } from '../http/limits.js'
import { Redactor } from '../http/redact.js'
import { toolVersion } from '../paths.js'
import { loadSpec } from '../spec/load.js'
import { REFERENCE_TARGETS, referencesIn, UUID } from '../../suites/export/_shared.js'
import { EXPORT_MANIFEST, type ExportFile, type ExportManifest } from './bag.js'
import { NOT_TESTED } from './not-tested.js'
import { verifyBagProblems } from './verify.js'

/** At most this many findings of one kind are listed; the rest are counted. */
const LISTED = 20

interface Draft {
  name: string
  checkId: string
  title: { en: string; sv: string }
  requirements: string[]
  severity: Severity
  failures: Failure[]
  notes: { en: string; sv: string }[]
}

export interface VerifyRunOptions {
  dir: string
  specFile?: string
  now?: () => Date
}

/** Throws NotABagError (from verifyBag) when dir is not a bag at all. */
export async function verifyExportRun(o: VerifyRunOptions): Promise<{ run: RunResult; problems: string[] }> {
  const now = o.now ?? (() => new Date())
  const started = now()
  const redactor = new Redactor({})
  const found = await verifyBagProblems(o.dir)
  const problems = found.map((x) => x.en)
  const spec = await loadSpec(o.specFile)
  const manifest = await readFile(path.join(o.dir, EXPORT_MANIFEST), 'utf8')
    .then((t) => JSON.parse(t) as ExportManifest)
    .catch(() => undefined)
  const drafts: Draft[] = []

  const bag = draft('EXPORT-ARCHIVE-027', 'bag', {
    en: 'The archive is a complete BagIt bag: every hash, count and Payload-Oxum matches, nothing missing or extra',
    sv: 'Arkivet är en komplett BagIt-påse: varje hash, antal och Payload-Oxum stämmer, inget saknas eller är extra',
  }, ['EU-DA-30.5'], 'must')
  for (const p of found) listed(bag, p.en, p.sv)
  bag.notes.push(
    problems.length
      ? { en: `${problems.length} problem(s) found`, sv: `${problems.length} problem hittade` }
      : { en: 'every hash and count matches', sv: 'varje hash och antal stämmer' },
  )
  if (manifest?.spec && manifest.spec.sha256 !== spec.sha256) {
    bag.notes.push({
      en: `harvested under spec sha256 ${manifest.spec.sha256}; validated against ${spec.sha256}`,
      sv: `hämtat enligt specifikationen med sha256 ${manifest.spec.sha256}; validerat mot ${spec.sha256}`,
    })
  }
  drafts.push(bag)

  // Every NDJSON file once, in one pass: ids, schema, and the references kept for the resolution below.
  const files = (manifest?.files ?? []).filter((f: ExportFile) => f?.format === 'ndjson' && typeof f.path === 'string' && !f.path.includes('..'))
  const ids = new Map<string, Set<string>>()
  const refs: { from: string; path: string; key: string; id: string }[] = []
  const idDraft = draft('EXPORT-ID-006', 'archive', { en: 'Every archived record has a UUID id, each once in its file', sv: 'Varje arkiverad post har ett UUID som id, vart och ett en gång i sin fil' }, ['SS12000-ID-PERSISTENT'], 'must')
  drafts.push(idDraft)
  for (const f of files) {
    const op = spec.operation(`GET /${f.entity}`)
    const pointer = op?.responses['200']
    const schema = draft('EXPORT-SCHEMA-015', f.path, {
      en: 'Every archived record validates against the SS 12000 schema of its type (known errata applied)',
      sv: 'Varje arkiverad post validerar mot SS 12000-schemat för sin typ (kända errata tillämpade)',
    }, ['EU-DA-30.5', 'SS12000-RESPONSE-SCHEMA'], 'must')
    drafts.push(schema)
    const seen = ids.get(f.entity) ?? ids.set(f.entity, new Set()).get(f.entity)!
    const bad = new Map<string, string[]>()
    let n = 0
    let unparsed = 0
    const rl = createInterface({ input: createReadStream(path.join(o.dir, f.path), 'utf8'), crlfDelay: Infinity })
    try {
      for await (const line of rl) {
        if (!line) continue
        n++
        let rec: Record<string, unknown>
        try {
          rec = JSON.parse(line) as Record<string, unknown>
        } catch {
          unparsed++
          continue
        }
        const id = rec && typeof rec.id === 'string' ? rec.id : undefined
        if (!id || !UUID.test(id)) listed(idDraft, `${f.path} line ${n}: the id is not a UUID`, `${f.path} rad ${n}: id är inte ett UUID`)
        else if (seen.has(id)) listed(idDraft, `${f.path} line ${n}: id ${id} appears a second time`, `${f.path} rad ${n}: id ${id} förekommer en andra gång`)
        else seen.add(id)
        for (const r of referencesIn(rec)) refs.push({ from: `${f.entity}/${id}`, ...r })
        if (pointer) {
          const outcome = spec.validators.validate(pointer, { data: [rec] })
          for (const e of outcome.valid ? [] : outcome.errors) {
            const key = e.replace(/\/data\/0/g, '')
            bad.set(key, [...(bad.get(key) ?? []), `line ${n}`])
          }
        }
      }
    } catch (err) {
      listed(schema, `${f.path} cannot be read: ${(err as Error).message}`, `${f.path} kan inte läsas: ${(err as Error).message}`)
    }
    if (!pointer) {
      schema.notes.push({
        en: `the spec has no list GET /${f.entity}: its records were not validated`,
        sv: `specifikationen har ingen lista GET /${f.entity}: dess poster validerades inte`,
      })
    }
    if (unparsed) listed(schema, `${unparsed} line(s) of ${f.path} are not JSON`, `${unparsed} rad(er) i ${f.path} är inte JSON`)
    for (const [error, lines] of bad) {
      const at = lines.slice(0, 3)
      schema.failures.push({
        message: `${lines.length} record(s): ${error}`,
        actual: `e.g. ${at.join(', ')}`,
        evidence: [],
        sv: { message: `${lines.length} post(er): ${error}`, actual: `t.ex. ${at.map((l) => l.replace('line', 'rad')).join(', ')}` },
      })
    }
    schema.notes.push({ en: `${n} record(s) of ${f.entity} validated`, sv: `${n} post(er) i ${f.entity} validerade` })
  }
  const distinct = [...ids.values()].reduce((a, s) => a + s.size, 0)
  idDraft.notes.push({ en: `${distinct} distinct ids in ${files.length} file(s)`, sv: `${distinct} olika id:n i ${files.length} fil(er)` })

  const refDraft = draft('EXPORT-REFS-009', 'archive', {
    en: 'Referential integrity: every reference in the archive resolves to an archived record; dangling ones are listed',
    sv: 'Referensintegritet: varje referens i arkivet pekar på en arkiverad post; dinglande referenser listas',
  }, ['EU-DA-2.38', 'SS12000-ID-PERSISTENT'], 'must')
  drafts.push(refDraft)
  const gaps = new Map<string, number>()
  let resolved = 0
  for (const r of refs) {
    const target = REFERENCE_TARGETS[r.key]
    if (target && !ids.has(target)) {
      gaps.set(target, (gaps.get(target) ?? 0) + 1)
      continue
    }
    const ok = target ? ids.get(target)!.has(r.id) : [...ids.values()].some((s) => s.has(r.id))
    if (ok) resolved++
    else listed(refDraft, `${r.from} ${r.path} -> ${target ?? '?'}/${r.id} is in no archived file`, `${r.from} ${r.path} -> ${target ?? '?'}/${r.id} finns inte i någon arkiverad fil`)
  }
  refDraft.notes.push({
    en: `${resolved} of ${resolved + refDraft.failures.length} references resolve`,
    sv: `${resolved} av ${resolved + refDraft.failures.length} referenser pekar på en arkiverad post`,
  })
  if (gaps.size) {
    const list = [...gaps].map(([t, n]) => `${t} (${n})`).join(', ')
    refDraft.notes.push({
      en: `references to types the archive does not hold (an export gap): ${list}`,
      sv: `referenser till typer som arkivet inte innehåller (en exportlucka): ${list}`,
    })
  }

  const finished = now()
  const results: CheckResult[] = drafts.map((d) => ({
    name: d.name,
    checkId: d.checkId,
    suite: 'export',
    title: d.title,
    requirements: d.requirements,
    severity: d.severity,
    status: d.failures.length ? 'fail' : 'pass',
    failures: capped(d.failures).map((f) => ({
      ...f,
      message: redactor.text(f.message),
      ...(f.actual ? { actual: redactor.text(f.actual) } : {}),
      ...(f.sv ? { sv: { message: redactor.text(f.sv.message), ...(f.sv.actual ? { actual: redactor.text(f.sv.actual) } : {}) } } : {}),
    })),
    notes: d.notes.map((t) => redactor.text(t.en)),
    ...(d.notes.length ? { notesSv: d.notes.map((t) => redactor.text(t.sv)) } : {}),
    evidence: [],
    startedAt: started.toISOString(),
    durationMs: 0,
  }))
  const requirements: Record<string, RequirementInfo> = {}
  for (const r of results) for (const ref of r.requirements) requirements[ref] ??= requirementInfo(ref)
  const run: RunResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: randomUUID(),
    tool: { name: 'konform', version: toolVersion(), node: process.version },
    spec: { title: spec.title, version: spec.version, sha256: spec.sha256, file: spec.file, errata: spec.validators.errata },
    target: { url: redactor.url(manifest?.target?.url ?? path.resolve(o.dir)), builtIn: manifest?.target?.builtIn ?? false, faults: [] },
    profile: typeof manifest?.profile === 'string' ? manifest.profile : 'unknown',
    suites: ['export'],
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    limits: {
      concurrency: 1,
      requestTimeoutMs: DEFAULT_LIMITS.requestTimeoutMs,
      checkTimeoutMs: DEFAULT_LIMITS.checkTimeoutMs,
      maxResponseBytes: DEFAULT_LIMITS.maxResponseBytes,
      ratePerSecond: 0,
      allowWrites: false,
    },
    verdict: { passed: mustPassed(results), rule: VERDICT_RULE },
    summary: summarise(results),
    requirements,
    redaction: { secrets: true, personalData: redactor.personalData },
    results,
    notTested: [...NOT_TESTED],
  }
  return { run, problems }
}

function draft(checkId: string, on: string, title: Draft['title'], requirements: string[], severity: Severity): Draft {
  return { name: `${checkId} [${on}]`, checkId, title, requirements, severity, failures: [], notes: [] }
}

function listed(d: Draft, message: string, sv: string): void {
  d.failures.push({ message, evidence: [], sv: { message: sv } })
}

/** The first LISTED findings, then one that counts the rest. */
function capped(failures: readonly Failure[]): Failure[] {
  if (failures.length <= LISTED) return [...failures]
  const more = failures.length - LISTED
  return [...failures.slice(0, LISTED), { message: `${more} more finding(s) of the same kind`, evidence: [], sv: { message: `${more} fynd till av samma slag` } }]
}
