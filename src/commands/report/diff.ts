import { Args, Command, Flags } from '@oclif/core'
import { defaultLang } from '../../cli/flags.js'
import { EXIT } from '../../errors.js'
import { diffRuns, renderDiffText } from '../../report/diff.js'
import { readResultsFile } from '../../report/index.js'

export default class ReportDiff extends Command {
  static override summary = 'Compare two runs check by check: what newly fails, what was fixed, what was added or removed.'

  static override description = `Matches the results of A (before) and B (after) by name and lists, one line each: checks that newly fail (pass/skip in A, fail/error in B), fixed ones (fail/error -> pass), those still failing, other status changes, added and removed checks, and severity changes.
A failure that B's run waived (konform run --waivers, an unexpired waiver) is listed as WAIVED, not as newly failing, and does not make B worse; an expired waiver fails again. --json lists them under "waived" and carries each result's waiver.
A warning says when the runs used different spec documents (SHA-256) or profiles: such runs test different requirements and cannot be compared check by check.
Exit codes: 0 nothing got worse, 1 B is worse (a check newly fails or errors, an added check fails, or the verdict went from passed to failed), 2 a file is unreadable or not a valid results.json.`

  static override examples = [
    { description: 'Did the vendor\'s new release break anything?', command: '<%= config.bin %> <%= command.id %> reports/v1/results.json reports/v2/results.json' },
    { description: 'The same comparison as JSON, in CI', command: '<%= config.bin %> <%= command.id %> before/results.json after/results.json --json' },
  ]

  static override enableJsonFlag = true

  static override args = {
    a: Args.string({ description: 'results.json of the earlier run', required: true }),
    b: Args.string({ description: 'results.json of the later run', required: true }),
  }

  static override flags = {
    lang: Flags.string({ description: 'Language of the text (default: from the locale).', options: ['sv', 'en'] }),
  }

  async run() {
    const { args, flags } = await this.parse(ReportDiff)
    const [a, b] = await Promise.all([readResultsFile(args.a), readResultsFile(args.b)])
    const diff = diffRuns(a, b)
    if (diff.worse) process.exitCode = EXIT.CHECK_FAILED
    if (!this.jsonEnabled()) this.log(renderDiffText(diff, (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()))
    return diff
  }
}
