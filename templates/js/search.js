// trainpack offline search over the units of one edition. The index is in
// this page (script#tp-search-index), built from the participant handout
// only (src/render/search.ts), so it works from file:// with no server and
// shows participants nothing they may not read.
(function () {
  'use strict';
  var section = document.getElementById('search');
  var data = document.getElementById('tp-search-index');
  if (!section || !data) return;
  var units;
  try { units = JSON.parse(data.textContent || '[]'); } catch (e) { return; }
  var input = document.getElementById('tp-search-input');
  var status = document.getElementById('tp-search-status');
  var list = document.getElementById('tp-search-results');
  var MAX = 20;
  var prepared = null;
  var timer = 0;

  // Case and accents do not count ("reintegration" finds "Réintégration"),
  // nor Arabic short vowels and tatweel: all combining marks after NFD.
  var MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640]/g;
  function fold(s) { return s.normalize('NFD').replace(MARKS, '').toLowerCase(); }
  // Folded text with, for each of its characters, the index it came from, to cut snippets from the original.
  function foldMapped(s) {
    var out = [], map = [];
    for (var i = 0; i < s.length; i++) {
      var f = fold(s.charAt(i));
      for (var j = 0; j < f.length; j++) { out.push(f.charAt(j)); map.push(i); }
    }
    return { text: out.join(''), map: map };
  }
  function prepare() {
    prepared = units.map(function (u) {
      return { u: u, title: fold(u.n + ' ' + u.t), head: fold(u.m + ' ' + u.o.join(' ')), body: foldMapped(u.x) };
    });
  }
  function count(hay, term) {
    var n = 0, at = hay.indexOf(term);
    while (at !== -1 && n < 5) { n++; at = hay.indexOf(term, at + term.length); }
    return n;
  }
  function termsOf(q) {
    var all = fold(q).split(/\s+/).filter(Boolean);
    var long = all.filter(function (t) { return t.length > 1; });
    return long.length ? long : all;
  }
  function search(terms) {
    var hits = [];
    prepared.forEach(function (p, order) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var s = (p.title.indexOf(t) !== -1 ? 10 : 0) + (p.head.indexOf(t) !== -1 ? 4 : 0) + count(p.body.text, t);
        if (!s) return; // every word must occur
        score += s;
      }
      hits.push({ p: p, score: score, order: order });
    });
    return hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // About 200 characters around the first match, every match marked.
  function snippet(body, original, terms) {
    var first = -1;
    terms.forEach(function (t) { var at = body.text.indexOf(t); if (at !== -1 && (first === -1 || at < first)) first = at; });
    var p = el('p', 'tp-result-snippet');
    if (first === -1 || !body.map.length) { p.textContent = original.slice(0, 200) + (original.length > 200 ? '…' : ''); return p; }
    // Cut at spaces, not in the middle of a word.
    var from = first > 60 ? body.text.lastIndexOf(' ', first - 60) + 1 : 0;
    var to = body.text.indexOf(' ', first + 160);
    if (to === -1) to = body.text.length;
    var spans = [];
    terms.forEach(function (t) {
      for (var at = body.text.indexOf(t, from); at !== -1 && at + t.length <= to; at = body.text.indexOf(t, at + t.length)) spans.push([at, at + t.length]);
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var start = body.map[from], end = body.map[to - 1] + 1, pos = start;
    if (start > 0) p.appendChild(document.createTextNode('…'));
    spans.forEach(function (s) {
      var a = body.map[s[0]], b = body.map[s[1] - 1] + 1;
      if (a < pos) return; // overlaps the previous mark
      p.appendChild(document.createTextNode(original.slice(pos, a)));
      p.appendChild(el('mark', '', original.slice(a, b)));
      pos = b;
    });
    p.appendChild(document.createTextNode(original.slice(pos, end) + (end < original.length ? '…' : '')));
    return p;
  }
  function say(n) {
    var key = n === 0 ? 'data-none' : n === 1 ? 'data-one' : 'data-many';
    status.textContent = (section.getAttribute(key) || '').replace('{count}', String(n));
  }
  function render() {
    var q = input.value.trim();
    list.textContent = '';
    if (!q) { status.textContent = ''; return; }
    if (!prepared) prepare();
    var terms = termsOf(q);
    var hits = search(terms);
    say(hits.length);
    hits.slice(0, MAX).forEach(function (h) {
      var u = h.p.u;
      var li = el('li');
      var title = el('p', 'tp-result-title');
      var link = el('a', '', u.n + ' ' + u.t);
      link.href = 'participant-handout.html#unit-' + encodeURIComponent(u.id);
      link.id = 'result-' + u.id;
      title.appendChild(link);
      li.appendChild(title);
      li.appendChild(el('p', 'tp-result-meta', u.m));
      li.appendChild(snippet(h.p.body, u.x, terms));
      var more = el('p', 'tp-result-links');
      var guide = el('a', '', section.getAttribute('data-guide') || '');
      guide.href = 'facilitator-guide.html#unit-' + encodeURIComponent(u.id);
      guide.setAttribute('aria-describedby', link.id);
      more.appendChild(guide);
      li.appendChild(more);
      list.appendChild(li);
    });
  }

  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 150); });
  input.addEventListener('keydown', function (e) {
    var first = list.querySelector('a');
    if (e.key === 'ArrowDown' && first) { first.focus(); e.preventDefault(); }
  });
  section.hidden = false;
  var q = new URLSearchParams(location.search).get('q');
  if (q) { input.value = q; render(); }
})();
