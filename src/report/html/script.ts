// Inline script of report.html: status filter buttons, search by check id, open every exchange before printing.
// Vanilla ES5-level DOM code that works from file:// with no network. It carries no run data: everything it needs
// is in data-* attributes the renderer escaped, so nothing a target sent can reach script context.

export const SCRIPT = `
(function () {
  'use strict';
  var bar = document.getElementById('toolbar');
  if (!bar) return;
  bar.hidden = false;
  var checks = Array.prototype.slice.call(document.querySelectorAll('article.check'));
  var buttons = Array.prototype.slice.call(bar.querySelectorAll('button[data-filter]'));
  var search = document.getElementById('search');
  var suite = document.getElementById('suite-filter');
  var shown = document.getElementById('shown');
  var template = shown ? shown.getAttribute('data-template') || '' : '';
  var state = 'all';
  function apply() {
    var q = search ? search.value.trim().toLowerCase() : '';
    var n = 0;
    checks.forEach(function (c) {
      var okStatus = state === 'all' || c.getAttribute('data-status') === state;
      var okText = !q || (c.getAttribute('data-search') || '').indexOf(q) !== -1;
      var okSuite = !suite || suite.value === 'all' || c.getAttribute('data-suite') === suite.value;
      var ok = okStatus && okText && okSuite;
      c.classList.toggle('filtered-out', !ok);
      if (ok) n++;
    });
    if (shown) shown.textContent = template.replace('{shown}', String(n)).replace('{total}', String(checks.length));
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      state = b.getAttribute('data-filter') || 'all';
      buttons.forEach(function (o) { o.setAttribute('aria-pressed', o === b ? 'true' : 'false'); });
      apply();
    });
  });
  if (search) search.addEventListener('input', apply);
  if (suite) suite.addEventListener('change', apply);
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    reopened = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
  apply();
})();
`
