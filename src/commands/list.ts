import { Command, Flags } from '@oclif/core'
import { requirementInfo } from '../core/requirements.js'
import { loadChecks } from '../core/registry.js'
import { suiteOf } from '../core/check.js'
import { KonformError } from '../errors.js'
import { loadSpec } from '../spec/load.js'
import { PROFILES } from '../../suites/profiles.js'
import { defaultLang } from '../cli/flags.js'

export default class List extends Command {
  static override summary = 'List the check catalogue: id, severity, requirement, profiles, title.'

  static override description = 'Every check konform has, with the requirement it proves and, for rules checked per operation, the operations it covers in the chosen profile.'

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --profile core --json',
    '<%= config.bin %> <%= command.id %> --lang sv',
  ]

  static override enableJsonFlag = true

  static override flags = {
    profile: Flags.string({ char: 'p', description: 'Only the checks of this profile.', options: Object.keys(PROFILES) }),
    lang: Flags.string({ description: 'Language of the titles (default: from the locale).', options: ['sv', 'en'] }),
  }

  async run() {
    const { flags } = await this.parse(List)
    const spec = await loadSpec()
    const lang = (flags.lang as 'sv' | 'en' | undefined) ?? defaultLang()
    const checks = (await loadChecks()).filter((c) => !flags.profile || c.profiles.includes(flags.profile))
    const opsOf = (profile: string) => {
      const p = PROFILES[profile]
      if (!p) throw new KonformError(`unknown profile ${profile}`)
      return p.operations.map((k) => spec.operation(k)).filter((o) => o !== undefined)
    }
    const catalogue = checks.map((c) => ({
      id: c.id,
      suite: suiteOf(c.id),
      severity: c.severity,
      requirements: c.requirements.map(requirementInfo),
      profiles: [...c.profiles],
      needs: [...(c.needs ?? [])],
      title: c.title,
      operations: c.forEach ? c.forEach(opsOf(flags.profile ?? c.profiles[0])).map((o) => o.key) : [],
    }))
    if (!this.jsonEnabled()) {
      const rows = catalogue.map((c) => [c.id, c.severity, c.requirements.map((r) => r.ref).join(', '), c.profiles.join(','), c.title[lang]])
      const head = ['ID', 'SEVERITY', 'REQUIREMENTS', 'PROFILES', 'TITLE']
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
      const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ')
      this.log([line(head), ...rows.map(line)].join('\n'))
      this.log(`\n${catalogue.length} checks`)
    }
    return catalogue
  }
}
