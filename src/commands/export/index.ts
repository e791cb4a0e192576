import { existsSync } from 'node:fs'
import path from 'node:path'
import { Command, Flags } from '@oclif/core'
import { authFrom, checkUrl, credentialWarnings, declaredFlags, defaultLang, envSecrets, limitFlags, limitsFrom } from '../../cli/flags.js'
import { declaredFrom } from '../../export/declared.js'
import { EXIT, KonformError } from '../../errors.js'
import { readExpectedCounts } from '../../export/expected-counts.js'
import { DEFAULT_PAGE_SIZE, harvest } from '../../export/harvest.js'
import { duration, progressMeter, rateOf } from '../../export/progress.js'
import { DEFAULT_LIMITS } from '../../http/limits.js'
import { summaryTable } from '../../report/console.js'
import { writeReports } from '../../report/index.js'
import { runPlan } from '../../run.js'
import { DEFAULT_PROFILE, PROFILES } from '../../../suites/profiles.js'

/** The folder inside the bag that holds the export suite's reports (a BagIt tag directory, outside data/). */
export const REPORT_DIR = 'konform-report'

export default class Export extends Command {
  static override summary = 'Take all data out of an SS 12000 API into a BagIt bag and run the export checks (anti-lock-in export).'

  static override description = `Reads every record list of the profile to its end (following pageToken) and GET /deletedEntities when the
profile has it, read-only, and writes a BagIt bag (RFC 8493) to --out:
  data/<entity>.ndjson        one record per line, as the API served it (NOT redacted: it is your own data)
  data/deletedEntities.json   the deleted ids per type
  manifest.json               source, spec version and hash, profile, harvest start/end, per file count and sha256,
                              and the cursor (the harvest start) for a later --since
  manifest-sha256.txt, tagmanifest-sha256.txt, bag-info.txt, bagit.txt
--since CURSOR harvests only what changed after CURSOR (meta.modified.after, deletedEntities after): a delta bag.
Then the export suite (konform run --suite export) runs against the same target and writes results.json,
junit.xml and report.html to <out>/${REPORT_DIR}/ (--no-checks leaves it out; the checks read every list
several times). Progress (list, records, records/s) is shown when stderr is a terminal.
Without --target, konform exports its built-in reference server.

Credentials come from the environment, never from flags:
  KONFORM_TOKEN           a bearer token to send as is, or
  KONFORM_CLIENT_SECRET   the client secret for --token-url/--client-id (OAuth 2.0 client credentials)

Exit codes: 0 every list harvested to its end and every must-check passed, 1 a list could not be read to its end or
a must-check failed, 2 usage or configuration error (also a non-empty --out), 3 target unreachable.`

  static override examples = [
    { description: 'Export the built-in reference server', command: '<%= config.bin %> <%= command.id %> --out export-bag --profile skolverket-dnp' },
    {
      description: 'Export a vendor system, later only what changed since (the cursor is in manifest.json)',
      command:
        'KONFORM_CLIENT_SECRET=… <%= config.bin %> <%= command.id %> --target https://api.example.se/ss12000/v2.0 --token-url https://auth.example.se/token --client-id konform --profile skolverket-dnp --out export-2026-05\n' +
        'KONFORM_CLIENT_SECRET=… <%= config.bin %> <%= command.id %> --target https://api.example.se/ss12000/v2.0 --token-url https://auth.example.se/token --client-id konform --profile skolverket-dnp --out export-2026-06-delta --since 2026-05-01T08:00:00.000Z --baseline export-2026-05',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    target: Flags.string({ char: 't', description: 'Base URL of the SS 12000 API to export (default: the built-in reference server).' }),
    out: Flags.string({ char: 'o', description: 'Folder for the bag (created; must be new or empty).', required: true }),
    profile: Flags.string({ char: 'p', description: 'Profile: which lists to export.', default: DEFAULT_PROFILE, options: Object.keys(PROFILES) }),
    since: Flags.string({ description: 'Only what changed after this RFC 3339 instant (the cursor of an earlier export): a delta bag.', helpValue: 'CURSOR' }),
    checks: Flags.boolean({ description: 'Run the export suite after the harvest (reports in <out>/konform-report).', default: true, allowNo: true }),
    baseline: Flags.string({ description: 'An earlier export (bag folder) for the incremental checks (EXPORT-DELTA-021, EXPORT-DELETED-025).', helpValue: 'DIR' }),
    'expected-counts': Flags.string({ description: 'JSON file of the record counts you expect per list, e.g. {"persons": 1234} (EXPORT-COUNTS-012).', helpValue: 'FILE' }),
    lang: Flags.string({ description: 'Language of the HTML report (default: from the locale).', options: ['sv', 'en'] }),
    'token-url': Flags.string({ description: 'OAuth 2.0 token endpoint (client credentials; secret in KONFORM_CLIENT_SECRET).' }),
    'client-id': Flags.string({ description: 'OAuth 2.0 client id for --token-url.' }),
    scope: Flags.string({ description: 'OAuth 2.0 scope to ask for.' }),
    spec: Flags.string({ description: 'OpenAPI document naming the operations (default: the bundled SS 12000 2.1.0).' }),
    'page-size': Flags.integer({ description: 'limit= asked for on each list.', default: DEFAULT_PAGE_SIZE, min: 1 }),
    'max-pages': Flags.integer({ description: 'Pages read per list at most (a list still offering pageToken after that is marked incomplete).', default: DEFAULT_LIMITS.maxPages, min: 1 }),
    'source-organization': Flags.string({ description: 'Source-Organization written to bag-info.txt (e.g. the huvudman).' }),
    ...limitFlags,
    ...declaredFlags,
  }

  async run() {
    const { flags } = await this.parse(this.constructor as typeof Export)
    if (flags.target) checkUrl(flags.target, '--target')
    const auth = await authFrom(flags)
    const quiet = this.jsonEnabled()
    const warn = (text: string) => quiet || process.stderr.write(`konform: warning: ${text}\n`)
    for (const w of credentialWarnings(flags, auth)) warn(w)
    // The checks' inputs are refused before the harvest, not after it.
    if (flags.checks && flags.baseline !== undefined && !existsSync(path.join(flags.baseline, 'manifest.json'))) {
      throw new KonformError(`--baseline ${flags.baseline} is not an export from konform export (it has no manifest.json)`)
    }
    if (flags.checks && flags['expected-counts'] !== undefined) await readExpectedCounts(flags['expected-counts'])
    const declared = flags.checks ? await declaredFrom(flags) : undefined
    const meter = quiet ? undefined : progressMeter(process.stderr)
    const limits = { ...limitsFrom(flags), maxPages: flags['max-pages'] }
    const result = await harvest({
      target: flags.target,
      specFile: flags.spec,
      profile: flags.profile,
      out: flags.out,
      auth,
      limits,
      pageSize: flags['page-size'],
      since: flags.since,
      sourceOrganization: flags['source-organization'],
      secrets: envSecrets(),
      onStart: (i) => quiet || process.stderr.write(`konform: exporting ${i.operations.join(', ')} from ${i.builtIn ? 'the built-in reference server at ' : ''}${i.target}${flags.since ? ` (changes after ${flags.since})` : ''}\n`),
      onPage: meter?.page,
      onFile: (f) => {
        meter?.done()
        if (quiet) return
        const extra = [
          f.duplicates ? `${f.duplicates} duplicates not written twice` : '',
          f.withoutId ? `${f.withoutId} without id` : '',
          f.invalid ? `${f.invalid} not valid against the schema` : '',
        ]
          .filter(Boolean)
          .join(', ')
        this.log(`${f.entity.padEnd(18)} ${String(f.count).padStart(8)} ${f.format === 'json' ? 'deleted ids' : 'records'}${extra ? ` (${extra})` : ''}${f.complete ? '' : `  INCOMPLETE: ${f.error}`}`)
      },
    })
    const complete = result.manifest.harvest.complete
    const throughput = rateOf(result.manifest)
    if (!complete) process.exitCode = EXIT.CHECK_FAILED
    if (!quiet) {
      this.log('')
      this.log(complete ? `Bag written: ${result.dir}` : `Bag written, but INCOMPLETE (see manifest.json): ${result.dir}`)
      this.log(`Cursor for the next --since: ${result.manifest.harvest.cursor}`)
      this.log(
        `${throughput.records} records in ${throughput.seconds.toFixed(1)} s, ${throughput.perSecond} records/s; at that pace 1,000,000 records take ${duration(1e6 / Math.max(throughput.perSecond, 1e-9))} (the Data Act's transitional period is 30 days)`,
      )
    }
    let checks: { verdict: 'passed' | 'failed'; files: Record<string, string> } | undefined
    if (flags.checks) {
      const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
      const run = await runPlan({
        target: flags.target,
        specFile: flags.spec,
        profile: flags.profile,
        suites: ['export'],
        auth,
        limits,
        baseline: flags.baseline,
        expectedCounts: flags['expected-counts'],
        declared,
        secrets: envSecrets(),
        onStart: (i) => quiet || process.stderr.write(`konform: ${i.checks} export checks against ${i.target}\n`),
      })
      const files = await writeReports(run, path.join(flags.out, REPORT_DIR), lang)
      if (!run.verdict.passed) process.exitCode = EXIT.CHECK_FAILED
      checks = { verdict: run.verdict.passed ? 'passed' : 'failed', files: { ...files } }
      if (!quiet) {
        this.log('')
        this.log(summaryTable(run, lang))
        this.log('')
        for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
      }
    }
    return { dir: result.dir, complete, cursor: result.manifest.harvest.cursor, throughput, files: result.manifest.files, ...(checks ? { checks } : {}) }
  }
}

