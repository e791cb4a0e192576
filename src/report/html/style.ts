// Inline stylesheet of report.html. No url(), no @import, no web fonts: the file must open offline and the CSP
// (default-src 'none') would block them anyway. Print rules show every check and every exchange.

export const CSS = `
:root {
  --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg-soft: #f6f8fa;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --skip: #57606a; --skip-bg: #eaeef2; --error: #9a6700; --error-bg: #fff8c5;
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: .9rem 0 .35rem; }
h5 { font-size: .85rem; margin: .6rem 0 .25rem; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85rem; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .65rem; margin: .25rem 0;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 32rem; overflow: auto; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.verdict { font-size: 1.35rem; font-weight: 700; padding: .75rem 1rem; border-radius: 6px; border: 2px solid; margin: 1rem 0; }
.verdict.yes { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
.verdict.no { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
.rule { border-left: 4px solid var(--line); padding: .25rem .75rem; margin: .5rem 0 1rem; }
.rule strong { display: block; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg-soft); overflow-wrap: normal; } /* our own labels: never cut inside a word */
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; font-weight: 700; border: 1px solid; white-space: nowrap; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.skip { color: var(--skip); background: var(--skip-bg); }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.waived { color: #8250df; background: #fbefff; }
.not-evidence { font-weight: 700; color: #fff; background: var(--fail); padding: .6rem 1rem; border-radius: 6px; }
.waiver.expired { color: var(--fail); }
.toolbar select { font: inherit; font-size: .85rem; }
.badge.none { color: var(--muted); background: #fff; }
.sev { font-size: .8rem; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.trace-checks { list-style: none; margin: 0; padding: 0; }
.trace-checks li { margin: .1rem 0; }
.trace .why { color: var(--muted); font-size: .9em; }
.toolbar { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 0;
  display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.toolbar button { font: inherit; font-size: .85rem; padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
.toolbar input { font: inherit; font-size: .85rem; padding: .2rem .4rem; min-width: 16rem; border: 1px solid var(--line); border-radius: 4px; }
.toolbar .shown { color: var(--muted); font-size: .85rem; }
.check { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 4px; padding: .75rem 1rem; margin: .75rem 0; }
.check.pass { border-left-color: var(--pass); }
.check.fail { border-left-color: var(--fail); }
.check.error { border-left-color: var(--error); }
.check.filtered-out { display: none; }
.check:target { outline: 3px solid #0969da; }
.failures > li { margin-bottom: .6rem; }
.failures table th { width: 8rem; }
ul.reqs { margin: .25rem 0; padding-left: 1.2rem; }
details.exchange { border: 1px solid var(--line); border-radius: 4px; margin: .35rem 0; padding: .25rem .5rem; }
details.exchange > summary { cursor: pointer; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
details.exchange table.headers td:first-child { width: 14rem; font-weight: 600; }
.muted { color: var(--muted); }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 2px solid var(--line); color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .toolbar { display: none !important; }
  .check, .check.filtered-out { display: block !important; break-inside: auto; }
  .check h3, .verdict, tr { break-inside: avoid; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: contents; }
  pre { max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
}
`
