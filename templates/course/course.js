// trainpack course page: one module (a SCORM 1.2 SCO). Shows one unit at a
// time with contents, previous/next and progress; scores the module's
// quizzes; reports to the learning platform through the SCORM 1.2 API when
// there is one, and says that progress is not recorded when there is none.
// Without JavaScript the page is every unit one after the other.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tp-course-data').textContent);
  var key = JSON.parse(document.getElementById('tp-course-key').textContent);
  var S = data.strings;
  var LIMIT = 4096; // cmi.suspend_data: CMIString4096
  var units = [].slice.call(document.querySelectorAll('.tp-course-unit'));
  var links = [].slice.call(document.querySelectorAll('.tp-course-toc a[data-unit]'));
  var toc = document.querySelector('.tp-course-toc details');
  var pager = document.querySelector('.tp-course-pager');
  var prev = pager.querySelector('.tp-course-prev');
  var next = pager.querySelector('.tp-course-next');
  var where = pager.querySelector('.tp-course-where');
  var bar = document.getElementById('tp-progress');
  var barText = document.getElementById('tp-progress-text');
  var summary = document.querySelector('.tp-module-summary');
  var phone = window.matchMedia('(max-width: 47.99rem)');
  var started = new Date().getTime();
  var current = -1;
  var finished = false;
  // What survives a session (cmi.suspend_data): units seen, answers so far, quizzes submitted.
  var state = { v: 1, s: '', a: {}, d: [] };

  function fmt(s, values) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? String(values[k]) : m; });
  }

  // The SCORM 1.2 API: the nearest window.API up the frames, then from the opener (RTE 3.3.6.1).
  function findAPI(win) {
    for (var tries = 0; win && tries < 10; tries++) {
      try { if (win.API) return win.API; } catch (e) { /* another origin: keep climbing */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  try { if (!api && window.opener) api = findAPI(window.opener); } catch (e) { api = null; }
  if (api && String(api.LMSInitialize('')) !== 'true') api = null;

  function get(name) { return api ? String(api.LMSGetValue(name)) : ''; }
  function set(name, value) { if (api) api.LMSSetValue(name, String(value)); }
  function commit() { if (api) api.LMSCommit(''); }

  // ---- State <-> cmi.suspend_data, kept within 4,096 characters ----
  function encode() {
    var copy = { v: 1, s: state.s, a: {}, d: state.d.slice() };
    for (var q in state.a) copy.a[q] = state.a[q];
    var text = JSON.stringify(copy);
    if (text.length <= LIMIT) return text;
    // Too long: open answers are shortened, then dropped, then answers of quizzes not submitted.
    var open = Object.keys(copy.a).filter(function (q) { return typeof copy.a[q] === 'string'; });
    open.forEach(function (q) { copy.a[q] = copy.a[q].slice(0, 200); });
    text = JSON.stringify(copy);
    if (text.length <= LIMIT) return text;
    open.forEach(function (q) { delete copy.a[q]; });
    text = JSON.stringify(copy);
    if (text.length <= LIMIT) return text;
    Object.keys(copy.a).forEach(function (q) {
      if (copy.d.indexOf(q.replace(/-\d+$/, '')) === -1) delete copy.a[q];
    });
    text = JSON.stringify(copy);
    if (text.length <= LIMIT) return text;
    return JSON.stringify({ v: 1, s: copy.s, a: {}, d: copy.d }).slice(0, LIMIT);
  }
  function decode(text) {
    try {
      var s = JSON.parse(text);
      if (s && s.v === 1) {
        state.s = typeof s.s === 'string' ? s.s : '';
        state.a = s.a && typeof s.a === 'object' ? s.a : {};
        state.d = Array.isArray(s.d) ? s.d : [];
      }
    } catch (e) { /* not ours, or cut: start afresh */ }
  }
  function seen(i) { return state.s.charAt(i) === '1'; }
  function markSeen(i) {
    while (state.s.length < units.length) state.s += '0';
    state.s = state.s.slice(0, i) + '1' + state.s.slice(i + 1);
  }
  function seenCount() { return units.filter(function (_, i) { return seen(i); }).length; }

  // ---- Scoring over the module's quizzes ----
  function isRight(q, answer) {
    var k = key[q];
    if (!k || !k.correct.length) return null; // open question: not scored
    if (!Array.isArray(answer)) return false;
    var a = answer.slice().sort().join(',');
    return a === k.correct.slice().sort().join(',');
  }
  function score() {
    var right = 0, total = 0;
    Object.keys(key).forEach(function (q) {
      if (!key[q].correct.length) return;
      total++;
      if (state.d.indexOf(key[q].unit) !== -1 && isRight(q, state.a[q])) right++;
    });
    return { right: right, total: total, raw: total ? Math.round((100 * right) / total) : 0 };
  }
  function status() {
    if (data.scored) {
      var all = data.quizzes.every(function (u) { return state.d.indexOf(u) !== -1; });
      if (!all) return 'incomplete';
      return score().raw >= data.passing ? 'passed' : 'failed';
    }
    return seenCount() === units.length ? 'completed' : 'incomplete';
  }

  function save() {
    if (!api) return;
    set('cmi.suspend_data', encode());
    var st = status();
    if (data.scored && state.d.length) {
      var sc = score();
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.score.raw', sc.raw);
    }
    set('cmi.core.lesson_status', st);
    commit();
  }

  function progress() {
    var n = seenCount();
    bar.value = n;
    barText.textContent = fmt(S.course_progress, { seen: n, total: units.length });
    links.forEach(function (a, i) { a.classList.toggle('tp-seen', seen(i)); });
  }

  // ---- Navigation: one unit at a time ----
  function show(i, focus) {
    if (i < 0 || i >= units.length) return;
    current = i;
    units.forEach(function (u, k) { u.hidden = k !== i; });
    if (summary) summary.hidden = i !== 0;
    links.forEach(function (a, k) { if (k === i) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current'); });
    prev.hidden = i === 0;
    next.hidden = i === units.length - 1;
    if (i > 0) prev.href = '#' + units[i - 1].id;
    if (i < units.length - 1) next.href = '#' + units[i + 1].id;
    where.textContent = fmt(S.course_unit_of, { n: i + 1, total: units.length });
    markSeen(i);
    set('cmi.core.lesson_location', units[i].id.replace(/^unit-/, ''));
    progress();
    save();
    if (focus) {
      var h = units[i].querySelector('h3');
      if (h) { h.setAttribute('tabindex', '-1'); h.focus({ preventScroll: true }); }
      window.scrollTo(0, 0);
    }
  }
  function fromHash(focus) {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return false;
    var target = document.getElementById(id);
    var unit = target && target.closest ? target.closest('.tp-course-unit') : null;
    if (!unit) return false;
    var i = units.indexOf(unit);
    if (i !== current) show(i, focus && target === unit);
    if (target !== unit) target.scrollIntoView();
    return true;
  }

  // ---- Quizzes ----
  function answerOf(li) {
    var text = li.querySelector('textarea');
    if (text) return text.value;
    return [].slice.call(li.querySelectorAll('input:checked')).map(function (inp) { return Number(inp.value); });
  }
  function restoreAnswer(li) {
    var a = state.a[li.getAttribute('data-q')];
    if (a === undefined) return;
    var text = li.querySelector('textarea');
    if (text) { text.value = typeof a === 'string' ? a : ''; return; }
    [].forEach.call(li.querySelectorAll('input'), function (inp) { inp.checked = Array.isArray(a) && a.indexOf(Number(inp.value)) !== -1; });
  }
  function feedback(form) {
    var items = [].slice.call(form.querySelectorAll('.tp-cq'));
    items.forEach(function (li) {
      var q = li.getAttribute('data-q');
      var k = key[q] || { correct: [] };
      var options = li.querySelectorAll('.tp-option label > span');
      var right = isRight(q, state.a[q]);
      var box = li.querySelector('.tp-cq-feedback');
      var html = '';
      li.classList.remove('tp-cq-right', 'tp-cq-wrong');
      if (right !== null) {
        li.classList.add(right ? 'tp-cq-right' : 'tp-cq-wrong');
        html += '<p class="tp-cq-verdict">' + (right ? S.course_right : S.course_wrong) + '</p>';
        if (!right) html += '<div class="tp-cq-answer"><p class="tp-label">' + S.course_correct_answer + '</p><ul>' + k.correct.map(function (i) { return '<li>' + (options[i] ? options[i].innerHTML : '') + '</li>'; }).join('') + '</ul></div>';
        if (k.feedback) html += '<div class="tp-explanation"><p class="tp-label">' + S.explanation + '</p>' + k.feedback + '</div>';
      } else if (k.feedback) {
        html += '<div class="tp-explanation"><p class="tp-label">' + S.model_answer + '</p>' + k.feedback + '</div>';
      }
      box.innerHTML = html;
      [].forEach.call(li.querySelectorAll('input, textarea'), function (inp) { inp.disabled = true; });
    });
    var sc = score();
    var result = form.querySelector('.tp-cq-result');
    var text = sc.total ? fmt(S.course_score, { score: sc.raw, right: sc.right, total: sc.total, pass: data.passing }) : '';
    var st = status();
    if (st === 'passed') text += ' ' + S.course_passed;
    else if (st === 'failed') text += ' ' + S.course_failed;
    result.textContent = text;
    result.className = 'tp-cq-result tp-cq-result-' + st;
    form.querySelector('button[type="submit"]').hidden = true;
    form.querySelector('.tp-cq-retry').hidden = false;
  }
  function unitOf(form) { return form.getAttribute('data-quiz'); }
  [].forEach.call(document.querySelectorAll('.tp-course-quiz'), function (form) {
    var items = [].slice.call(form.querySelectorAll('.tp-cq'));
    form.addEventListener('change', function () {
      // Answers so far are kept (suspend_data) so a learner who leaves finds them again.
      items.forEach(function (li) { state.a[li.getAttribute('data-q')] = answerOf(li); });
      if (api) { set('cmi.suspend_data', encode()); }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      items.forEach(function (li) { state.a[li.getAttribute('data-q')] = answerOf(li); });
      if (state.d.indexOf(unitOf(form)) === -1) state.d.push(unitOf(form));
      save();
      feedback(form);
      form.querySelector('.tp-cq-result').focus();
    });
    form.querySelector('.tp-cq-retry').addEventListener('click', function () {
      items.forEach(function (li) {
        li.classList.remove('tp-cq-right', 'tp-cq-wrong');
        li.querySelector('.tp-cq-feedback').innerHTML = '';
        [].forEach.call(li.querySelectorAll('input, textarea'), function (inp) { inp.disabled = false; if (inp.type === 'radio' || inp.type === 'checkbox') inp.checked = false; else inp.value = ''; });
      });
      form.querySelector('.tp-cq-result').textContent = '';
      form.querySelector('.tp-cq-result').className = 'tp-cq-result';
      form.querySelector('button[type="submit"]').hidden = false;
      this.hidden = true;
      var first = form.querySelector('input, textarea');
      if (first) first.focus();
    });
    form.querySelector('.tp-cq-result').setAttribute('tabindex', '-1');
  });

  // ---- Leaving: time spent, bookmark kept, session closed ----
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function finish() {
    if (finished || !api) return;
    finished = true;
    var secs = Math.min(Math.floor((new Date().getTime() - started) / 1000), 9999 * 3600 + 3599);
    set('cmi.core.session_time', pad(Math.floor(secs / 3600)) + ':' + pad(Math.floor(secs / 60) % 60) + ':' + pad(secs % 60));
    var st = status();
    set('cmi.core.exit', st === 'passed' || st === 'completed' ? '' : 'suspend');
    set('cmi.suspend_data', encode());
    commit();
    api.LMSFinish('');
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
  window.addEventListener('unload', finish);

  // ---- Start ----
  if (api) {
    decode(get('cmi.suspend_data'));
    var st0 = get('cmi.core.lesson_status');
    if (st0 === 'not attempted' || st0 === '') set('cmi.core.lesson_status', 'incomplete');
  } else {
    document.querySelector('.tp-course-offline').hidden = false;
  }
  [].forEach.call(document.querySelectorAll('.tp-course-quiz'), function (form) {
    [].forEach.call(form.querySelectorAll('.tp-cq'), restoreAnswer);
    if (state.d.indexOf(unitOf(form)) !== -1) feedback(form);
  });
  document.body.classList.add('tp-course-js');
  pager.hidden = false;
  document.querySelector('.tp-course-progress').hidden = false;
  if (toc && phone.matches) toc.removeAttribute('open');
  if (toc) toc.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[href^="#"]');
    if (link && phone.matches) toc.removeAttribute('open');
  });
  window.addEventListener('hashchange', function () { fromHash(true); });
  if (!fromHash(false)) {
    var bookmark = get('cmi.core.lesson_location');
    var at = units.map(function (u) { return u.id; }).indexOf('unit-' + bookmark);
    show(at >= 0 ? at : 0, false);
  }
  window.trainpackCourse = { state: state, encode: encode, status: status, score: score, finish: finish, api: api };
})();
