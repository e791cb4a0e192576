import path from 'node:path'
import { Args, Command, Flags } from '@oclif/core'
import { defaultLang } from '../cli/flags.js'
import { EXIT, KonformError, oneLine } from '../errors.js'
import { NotABagError } from '../export/verify.js'
import { verifyExportRun } from '../export/verify-run.js'
import { summaryTable } from '../report/console.js'
import { mkdirp, writeReports } from '../report/index.js'

export default class VerifyExport extends Command {
  static override summary = 'Check an export archive offline and report it as a konform run (results.json, junit.xml, report.html).'

  static override description = `Checks a bag written by konform export without contacting any system: the BagIt manifests and every sha256,
no payload file missing or extra, Payload-Oxum, the counts in manifest.json against the lines of each file, every
id a UUID once per file, every record against the SS 12000 schema of its list (known errata applied), and every
reference in the archive resolving to an archived record (dangling ones listed). A changed byte, a removed line
or an altered id is found. Prints each bag problem on its own line, then the summary; writes the reports to --out.
Exit codes: 0 the archive is valid, 1 it has problems, 2 the folder is not a bag (or usage error).`

  static override examples = [
    { description: 'Check an archive, reports under reports/<UTC timestamp>', command: '<%= config.bin %> <%= command.id %> export-2026-05' },
    { description: 'Reports in Swedish to a folder of your choice', command: '<%= config.bin %> <%= command.id %> export-2026-05 --out export-2026-05-check --lang sv' },
  ]

  static override enableJsonFlag = true

  static override args = {
    dir: Args.string({ description: 'The bag folder.', required: true }),
  }

  static override flags = {
    out: Flags.string({ char: 'o', description: 'Folder for the reports (default: reports/<UTC timestamp>).' }),
    lang: Flags.string({ description: 'Language of the HTML report and the summary (default: from the locale).', options: ['sv', 'en'] }),
    spec: Flags.string({ description: 'OpenAPI document to validate the records against (default: the bundled SS 12000 2.1.0).' }),
  }

  async run() {
    const { args, flags } = await this.parse(this.constructor as typeof VerifyExport)
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    let outcome: Awaited<ReturnType<typeof verifyExportRun>>
    try {
      outcome = await verifyExportRun({ dir: args.dir, specFile: flags.spec })
    } catch (err) {
      if (err instanceof NotABagError) throw new KonformError(err.message, 2)
      throw err
    }
    const { run, problems } = outcome
    const dir = flags.out ?? path.join('reports', new Date().toISOString().replace(/[:.]/g, '-'))
    await mkdirp(dir).catch((err: unknown) => {
      throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
    })
    const files = await writeReports(run, dir, lang)
    const valid = run.verdict.passed && problems.length === 0
    if (!valid) process.exitCode = EXIT.CHECK_FAILED
    if (!this.jsonEnabled()) {
      for (const p of problems) this.log(p)
      this.log(problems.length ? `${args.dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}` : `${args.dir}: valid bag`)
      this.log('')
      this.log(summaryTable(run, lang))
      this.log('')
      for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
    }
    return { dir: args.dir, valid, problems, summary: run.summary, files }
  }
}
