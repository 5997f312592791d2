// Runs in taskpane.html before the bundle, in any web view Office may use (ES5 only: Internet Explorer 11 must
// parse it). Where the pane cannot work it marks <html data-unsupported="browser|api">, which shows the matching
// message of taskpane.html (Japanese and English) instead of a blank pane; the bundle then does not render.
// - browser: Internet Explorer (Trident) or Edge Legacy (EdgeHTML), which volume-licensed Office 2019 and older use,
//   or any engine that cannot parse the bundle's syntax (ES2022: ?. ?? ??= and class static blocks).
// - api: inside Excel, without the ExcelApi version manifest.xml requires (__EXCEL_API__ is put in by the build).
(function () {
  'use strict';
  var root = document.documentElement;
  function unsupported(kind) {
    if (!root.getAttribute('data-unsupported')) root.setAttribute('data-unsupported', kind);
  }
  function modernSyntax() {
    try {
      return new Function('class A { static { A.b = 1; } } var o = {}; o.a ??= A.b; return o?.a ?? 0;')() === 1;
    } catch (e) {
      return false;
    }
  }
  var ua = navigator.userAgent || '';
  if (/Trident\/|MSIE /.test(ua) || /\bEdge\/\d/.test(ua) || !modernSyntax()) unsupported('browser');
  var office = window.Office;
  if (!office || typeof office.onReady !== 'function') return;
  try {
    office.onReady(function (info) {
      if (!info || info.host !== 'Excel') return;
      var req = office.context && office.context.requirements;
      if (!req || !req.isSetSupported('ExcelApi', '__EXCEL_API__')) unsupported('api');
    });
  } catch (e) {
    // Office not usable here; the bundle says so (outside Excel).
  }
})();
