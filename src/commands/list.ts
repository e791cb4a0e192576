import { Command, Flags } from '@oclif/core'
import { requirementInfo } from '../core/requirements.js'
import { loadChecks } from '../core/registry.js'
import { suiteOf } from '../core/check.js'
import { KonformError } from '../errors.js'
import { loadSpec } from '../spec/load.js'
import { PROFILES } from '../../suites/profiles.js'
import { defaultLang } from '../cli/flags.js'
import { profileDemands } from '../cli/profile-demands.js'

export default class List extends Command {
  static override summary = 'List the check catalogue: id, severity, requirement, profiles, title; with --profile, first what the profile demands.'

  static override description = 'Every check konform has, with the requirement it proves and, for rules checked per operation, the operations it covers (METHOD /path as the spec writes it) in the chosen profile, or in all the profiles the check belongs to.'

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
    // The operations a check covers: what its forEach picks from the operations of the profile asked for, or of
    // every profile it belongs to, as 'METHOD /path' exactly as the spec writes the path, in spec order.
    const covered = (c: (typeof checks)[number], profiles: readonly string[]): string[] => {
      if (!c.forEach) return []
      const keys = new Set(profiles.flatMap((p) => c.forEach!(opsOf(p)).map((o) => o.key)))
      return spec.operations.filter((o) => keys.has(o.key)).map((o) => o.key)
    }
    const catalogue = checks.map((c) => ({
      id: c.id,
      suite: suiteOf(c.id),
      severity: c.severity,
      requirements: c.requirements.map(requirementInfo),
      profiles: [...c.profiles],
      needs: [...(c.needs ?? [])],
      title: c.title,
      operations: covered(c, flags.profile ? [flags.profile] : c.profiles),
    }))
    if (!this.jsonEnabled()) {
      if (flags.profile) this.log(profileDemands(flags.profile, PROFILES[flags.profile], catalogue.map((c) => c.severity), lang))
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
