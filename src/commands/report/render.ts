import path from 'node:path'
import { Args, Command, Flags } from '@oclif/core'
import { defaultLang } from '../../cli/flags.js'
import { applyWaivers, readWaivers } from '../../report/evidence.js'
import { KonformError, oneLine } from '../../errors.js'
import { readResultsFile, writeReports } from '../../report/index.js'

export default class ReportRender extends Command {
  static override summary = 'Render junit.xml and report.html again from a results.json, with a fresh SHA256SUMS.'

  static override description = `Reads RESULTS (a results.json written by konform run), checks it against the results.json schema, and writes results.json, junit.xml, report.html and SHA256SUMS into --out (default: the folder RESULTS is in).
Use it for a report in the other language, or to rebuild the reports after a konform upgrade. Nothing is re-tested: every report shows the run as recorded.
With --waivers the waivers are applied again as of today: the verdict may change (an expired waiver fails again), every result stays as recorded.
Exit codes: 0 written, 2 RESULTS unreadable or not a valid results.json, or --out not writable.`

  static override examples = [
    { description: 'A Swedish report.html next to an English one', command: '<%= config.bin %> <%= command.id %> reports/2025-03-04T09-00-00-000Z/results.json --out reports/sv --lang sv' },
    { description: 'Rebuild the reports in the folder of the results', command: '<%= config.bin %> <%= command.id %> reports/run-1/results.json' },
  ]

  static override enableJsonFlag = true

  static override args = {
    results: Args.string({ description: 'results.json of a run', required: true }),
  }

  static override flags = {
    out: Flags.string({ char: 'o', description: 'Folder for the reports (default: the folder of RESULTS).' }),
    lang: Flags.string({ description: 'Language of the HTML report (default: from the locale).', options: ['sv', 'en'] }),
    waivers: Flags.string({
      description: 'Apply this waivers file (check, optional operation, reason, expires) instead of the waivers recorded in RESULTS, as of today (UTC).',
      helpValue: 'FILE',
    }),
  }

  async run() {
    const { args, flags } = await this.parse(ReportRender)
    const recorded = await readResultsFile(args.results)
    const run = flags.waivers ? applyWaivers(recorded, await readWaivers(flags.waivers), new Date().toISOString().slice(0, 10)) : recorded
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    const dir = flags.out ?? path.dirname(args.results)
    const files = await writeReports(run, dir, lang).catch((err: unknown) => {
      throw new KonformError(`cannot write the reports to ${dir}: ${oneLine(err)}`)
    })
    if (!this.jsonEnabled()) for (const f of [files.json, files.junit, files.html, files.sums]) this.log(f)
    return { files }
  }
}
