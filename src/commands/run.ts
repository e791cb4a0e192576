import path from 'node:path'
import { Command, Flags } from '@oclif/core'
import { aboutFrom, declaredFlags, evidenceFlags, NOT_EVIDENCE_WARNING } from '../cli/flags.js'
import { declaredFrom } from '../export/declared.js'
import { readWaivers } from '../report/evidence.js'
import { auth3Flags, auth3From } from '../cli/flags.js'
import { authFrom, builtInClientAuth, callbackFrom, checkUrl, clientAuthFlags, issuerFlags, issuerFrom, tlsFlags, tlsFrom, credentialWarnings, defaultLang, envSecrets, faultsFrom, limitFlags, limitsFrom, SUITES } from '../cli/flags.js'
import type { Suite } from '../core/result.js'
import { EXIT, KonformError, oneLine } from '../errors.js'
import { progressLine, summaryTable } from '../report/console.js'
import { mkdirp, writeReports } from '../report/index.js'
import { FAULTS_NEED_BUILTIN, runPlan } from '../run.js'
import { DEFAULT_PROFILE, PROFILES } from '../../suites/profiles.js'
import { fedtlsFlags, fedtlsFrom } from '../cli/fedtls-flags.js'

export default class Run extends Command {
  static override summary = 'Run the conformance checks against an SS 12000 API and write the reports.'

  static override description = `Without --target, konform starts its built-in reference SS 12000 server on a free loopback port and runs against it.
With --target (the API's base URL, usually ending in /v2.0) it runs read-only against that system.

Credentials come from the environment, never from flags:
  KONFORM_TOKEN           a bearer token to send as is, or
  KONFORM_CLIENT_SECRET   the client secret for --token-url/--client-id (OAuth 2.0 client credentials)

Writes results.json, junit.xml and report.html to reports/<UTC timestamp>/ (or --out).
Exit codes: 0 every must-check passed, 1 a must-check failed or ended in error, 2 usage or configuration error, 3 target unreachable.`

  static override examples = [
    { description: 'Run against the built-in reference server', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Run against a vendor system with OAuth 2.0 client credentials',
      command:
        'KONFORM_CLIENT_SECRET=… <%= config.bin %> <%= command.id %> --target https://api.example.se/ss12000/v2.0 --token-url https://auth.example.se/token --client-id konform',
    },
    { description: 'Run with a bearer token, Swedish report', command: 'KONFORM_TOKEN=… <%= config.bin %> <%= command.id %> --target https://api.example.se/v2.0 --lang sv' },
    { description: 'Show a check fail: the built-in server with a fault switched on', command: '<%= config.bin %> <%= command.id %> --fault paging.ignore-limit' },
  ]

  static override enableJsonFlag = true

  static override flags = {
    target: Flags.string({ char: 't', description: 'Base URL of the SS 12000 API under test (default: the built-in reference server).' }),
    profile: Flags.string({ char: 'p', description: 'Profile: what the target must offer.', default: DEFAULT_PROFILE, options: Object.keys(PROFILES) }),
    suite: Flags.string({ char: 's', description: 'Suite(s) to run (repeatable; default: all).', multiple: true, options: SUITES }),
    check: Flags.string({ char: 'c', description: 'Only this check id (repeatable).', multiple: true }),
    out: Flags.string({ char: 'o', description: 'Folder for the reports (default: reports/<UTC timestamp>).' }),
    lang: Flags.string({ description: 'Language of the HTML report and the summary (default: from the locale).', options: ['sv', 'en'] }),
    'token-url': Flags.string({ description: 'OAuth 2.0 token endpoint (client credentials; secret in KONFORM_CLIENT_SECRET).' }),
    'client-id': Flags.string({ description: 'OAuth 2.0 client id for --token-url.' }),
    scope: Flags.string({ description: 'OAuth 2.0 scope to ask for.' }),
    ...clientAuthFlags,
    ...issuerFlags,
    ...tlsFlags,
    ...auth3Flags,
    ...fedtlsFlags,
    spec: Flags.string({ description: 'OpenAPI document to test against (default: the bundled SS 12000 2.1.0).' }),
    fault: Flags.string({ description: 'Switch on a named fault in the built-in server (repeatable; not with --target; konform serve --help lists them).', multiple: true, helpValue: 'NAME' }),
    'expected-counts': Flags.string({ description: 'JSON file of the record counts you expect per list, e.g. {"persons": 1234} (EXPORT-COUNTS-012).', helpValue: 'FILE' }),
    baseline: Flags.string({ description: 'An earlier export (bag folder from konform export) for the incremental export checks.', helpValue: 'DIR' }),
    'allow-writes': Flags.boolean({ description: 'Allow checks that create, change or delete data on the target.', default: false }),
    'callback-url': Flags.string({ description: 'Write mode: the public URL a target must call to reach konform\'s callback receiver (default: its loopback address).' }),
    'callback-listen': Flags.string({ description: 'Write mode: where the callback receiver listens, HOST:PORT (default 127.0.0.1 on a free port).', helpValue: 'HOST:PORT' }),
    'notice-timeout': Flags.integer({ description: 'Write mode: seconds to wait for a subscription notice.', default: 30, min: 1, max: 3600 }),
    ...limitFlags,
    ...evidenceFlags,
    ...declaredFlags,
  }

  async run() {
    const { flags } = await this.parse(Run)
    if (flags.target) checkUrl(flags.target, '--target')
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    const auth = await authFrom(flags)
    const issuer = await issuerFrom(flags)
    const tls = await tlsFrom(flags)
    const rfc8705 = await auth3From(flags)
    const fed = await fedtlsFrom(flags)
    const quiet = this.jsonEnabled()
    // The folder is made before the run, so a bad --out is refused at once rather than after every check ran.
    const dir = flags.out ?? path.join('reports', new Date().toISOString().replace(/[:.]/g, '-'))
    await mkdirp(dir).catch((err: unknown) => {
      throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
    })
    const callback = callbackFrom(flags)
    const faults = faultsFrom(flags.fault)
    if (flags.target && faults.length) throw new KonformError(FAULTS_NEED_BUILTIN)
    const warn = (text: string) => quiet || process.stderr.write(`konform: warning: ${text}\n`)
    for (const w of credentialWarnings(flags, auth)) warn(w)
    if (!flags['allow-writes'] && (flags['callback-url'] || flags['callback-listen'])) warn('--callback-url and --callback-listen take effect only with --allow-writes')
    // evidence (issue #7): the item tested, waivers, evidence mode
    const about = await aboutFrom(flags)
    const waivers = flags.waivers ? await readWaivers(flags.waivers) : undefined
    const evidenceMode = flags.evidence === 'full' ? 'full' : 'redacted'
    if (evidenceMode === 'full') process.stderr.write(`konform: warning: ${NOT_EVIDENCE_WARNING}\n`)
    // Last before the run: a metadata file is served on loopback until the run ends.
    await fed.open()
    const run = await runPlan({
      target: flags.target,
      specFile: flags.spec,
      profile: flags.profile,
      suites: (flags.suite as Suite[] | undefined) ?? SUITES,
      checkIds: flags.check,
      auth,
      limits: limitsFrom(flags),
      allowWrites: flags['allow-writes'],
      callback,
      noticeTimeoutMs: flags['notice-timeout'] * 1000,
      onInstruction: (text) => process.stderr.write(`konform: ${text}\n`),
      faults,
      ...(flags.target || flags['client-cert'] ? {} : await builtInClientAuth(flags)),
      issuer,
      tls,
      ...rfc8705,
      metadata: fed.metadata,
      fedtls: fed.fedtls,
      baseline: flags.baseline,
      expectedCounts: flags['expected-counts'],
      declared: await declaredFrom(flags, about),
      secrets: envSecrets(),
      about,
      waivers,
      evidenceMode,
      command: process.argv.slice(2),
      onStart: (i) => quiet || process.stderr.write(`konform: ${i.checks} checks against ${i.builtIn ? 'the built-in reference server at ' : ''}${i.target}\n`),
      onResult: (r) => quiet || process.stderr.write(`${progressLine(r, lang)}\n`),
    }).finally(() => fed.close())
    const files = await writeReports(run, dir, lang).catch((err: unknown) => {
      throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
    })
    if (!run.verdict.passed) process.exitCode = EXIT.CHECK_FAILED
    if (!quiet) {
      this.log(summaryTable(run, lang))
      this.log('')
      for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
    }
    return { verdict: run.verdict.passed ? 'passed' : 'failed', summary: run.summary, files }
  }
}
