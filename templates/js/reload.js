// trainpack dev: reload this page when a rebuild changed it, and show build
// errors over it. Only `trainpack dev` adds this script; build output never has it.
// Decks keep their slide: it lives in the URL hash (#5), which a reload keeps.
(function () {
  'use strict';
  if (!window.EventSource) return;
  var script = document.currentScript;
  var version = script ? script.getAttribute('data-tp-version') || '' : '';
  var page = decodeURIComponent(location.pathname).replace(/^\/+/, '') || 'index.html';
  var url = '/__trainpack/events?page=' + encodeURIComponent(page) + '&v=' + encodeURIComponent(version);
  var source = null;
  var overlay = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    // textContent only: messages quote the author's text, which must not become markup.
    if (text) node.textContent = text;
    return node;
  }
  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function show(diagnostics) {
    hide();
    overlay = el('div', 'tp-dev-overlay');
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('dir', 'ltr');
    overlay.setAttribute('lang', 'en');
    var box = el('div', 'tp-dev-box');
    var head = el('div', 'tp-dev-head');
    head.appendChild(el('h2', 'tp-dev-title', 'Build failed: the last good version of this page is shown'));
    var close = el('button', 'tp-dev-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Hide until the next build');
    close.addEventListener('click', hide);
    head.appendChild(close);
    box.appendChild(head);
    var list = el('ol', 'tp-dev-list');
    diagnostics.forEach(function (d) {
      var item = el('li', 'tp-dev-item');
      var place = [d.file, d.line, d.column].filter(function (p) { return p !== undefined && p !== null && p !== ''; }).join(':');
      if (place) item.appendChild(el('code', 'tp-dev-place', place));
      item.appendChild(el('p', 'tp-dev-message', d.message + (d.rule ? ' [' + d.rule + ']' : '')));
      if (d.hint) item.appendChild(el('p', 'tp-dev-hint', d.hint));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el('p', 'tp-dev-foot', 'Fix the file and save: this page updates by itself.'));
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function connect() {
    // Errors fixed while the tab was hidden: the server repeats any that remain.
    hide();
    source = new EventSource(url);
    source.addEventListener('reload', function (e) {
      var data = JSON.parse(e.data);
      if (data.pages.indexOf(page) !== -1 || !version) location.reload();
    });
    source.addEventListener('problems', function (e) { show(JSON.parse(e.data).diagnostics); });
    source.addEventListener('clear', hide);
  }
  // A browser opens at most six connections to a server: a stream per hidden
  // tab would soon block page loads. A tab shown again reconnects, and the
  // server tells it at once if its page changed meanwhile.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden && source) {
      source.close();
      source = null;
    } else if (!document.hidden && !source) connect();
  });
  if (!document.hidden) connect();
})();
