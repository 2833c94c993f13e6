// trainpack deck: a letterboxed stage, keys, swipe, overview, key help, and a
// presenter window in step with the audience window.
// - The 1280×720 slide is scaled to fit the window and centred (letterboxed);
//   a 4 px progress bar runs along the bottom edge, outside the slide.
// - Controls fade after ~2 s without pointer movement (`?idle=<ms>` changes the
//   delay) and come back on pointer movement, a tap or keyboard focus.
// - "Next" is the key and button pointing in reading direction: → in a
//   left-to-right deck, ← in a right-to-left one (as reveal.js's `rtl`); swipe,
//   click halves, help text and progress bar agree.
// - The current slide lives in the URL hash (#5): a reload or a link lands there.
// - `S` or the presenter button opens `deck.html?presenter#n` in a second
//   window: the two talk through postMessage (works from file:// and from
//   `trainpack dev`). Speaker notes only ever show in the presenter window.
(function () {
  'use strict';
  var doc = document;
  var deck = doc.getElementById('deck');
  var slides = Array.prototype.slice.call(doc.querySelectorAll('.tp-slide'));
  var counter = doc.querySelector('.tp-counter');
  var status = doc.querySelector('.tp-deck-status');
  var bar = doc.querySelector('.tp-progress-bar');
  var help = doc.getElementById('deck-help');
  var overview = doc.getElementById('deck-overview');
  var presenterUi = doc.querySelector('.tp-presenter');
  var rtl = doc.documentElement.dir === 'rtl';
  var params = new URLSearchParams(location.search);
  var isPresenter = params.has('presenter');
  var idleDelay = Math.max(0, parseInt(params.get('idle') || '2000', 10) || 0);
  var deckId = location.pathname;
  // The edition's digits (`numbers: native`): data-digits holds its 0-9, space-separated.
  var digits = (deck.getAttribute('data-digits') || '').split(' ');
  function num(n) { return digits.length === 10 ? String(n).replace(/[0-9]/g, function (d) { return digits[+d]; }) : String(n); }
  var current = -1;
  var partner = null; // the other window: presenter (from the audience) or audience (window.opener)

  function button(action) { return doc.querySelector('[data-action="' + action + '"]'); }
  function titleOf(slide) {
    var h = slide && slide.querySelector('h1, h2');
    return h ? h.textContent.trim() : '';
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function mmss(seconds) { var s = Math.max(0, Math.round(seconds)); return num(two(Math.floor(s / 60)) + ':' + two(s % 60)); }

  // --- The stage: scale to fit, centre. -----------------------------------
  function fitInto(box, els, w, h) {
    var scale = Math.min(w / 1280, h / 720);
    var x = (w - 1280 * scale) / 2;
    var y = (h - 720 * scale) / 2;
    box.style.setProperty('--tp-scale', String(scale));
    box.style.setProperty('--tp-x', x + 'px');
    box.style.setProperty('--tp-y', y + 'px');
    return scale;
  }
  function fit() {
    fitInto(deck, slides, deck.clientWidth, deck.clientHeight);
    if (!overview.hidden) fitThumbs();
    var next = presenterUi.querySelector('.tp-presenter-next');
    if (isPresenter && next) fitInto(next, null, next.clientWidth, next.clientHeight);
  }

  // --- Text that would overflow steps down, then shrinks to fit. ------------
  function overfull(inner, box) { return box.scrollHeight > inner.clientHeight + 1 || box.scrollWidth > inner.clientWidth + 1; }
  function densify() {
    slides.forEach(function (s) {
      var inner = s.querySelector('.tp-slide-inner');
      var box = s.querySelector('.tp-slide-fit');
      if (!inner || !box) return;
      s.classList.remove('tp-dense', 'tp-denser', 'tp-shrunk');
      box.style.removeProperty('--tp-fit');
      s.classList.add('is-measuring');
      if (overfull(inner, box)) {
        s.classList.add('tp-dense');
        if (overfull(inner, box)) { s.classList.remove('tp-dense'); s.classList.add('tp-denser'); }
        // Still too much: scale the whole text block down rather than let it spill, by the
        // largest factor that fits (the block is laid out wider as it shrinks, so search for it).
        if (overfull(inner, box)) {
          s.classList.add('tp-shrunk');
          var lo = 0.4, hi = 1;
          for (var i = 0; i < 7; i++) {
            var f = (lo + hi) / 2;
            box.style.setProperty('--tp-fit', f.toFixed(3));
            if (box.scrollHeight * f <= inner.clientHeight + 1) lo = f; else hi = f;
          }
          box.style.setProperty('--tp-fit', lo.toFixed(3));
        }
      }
      s.classList.remove('is-measuring');
    });
  }

  // --- Moving. -------------------------------------------------------------
  function show(n, how) {
    how = how || {};
    var next = Math.max(0, Math.min(slides.length - 1, n));
    var old = slides[current];
    if (old && next !== current && old.contains(doc.activeElement)) deck.focus();
    var moved = current !== -1 && next !== current;
    current = next;
    slides.forEach(function (s, i) { s.classList.toggle('is-current', i === current); });
    counter.textContent = num(current + 1) + ' / ' + num(slides.length);
    bar.style.width = (100 * (current + 1) / slides.length) + '%';
    if (moved) {
      status.textContent = (status.getAttribute('data-template') || '{n} / {total}')
        .replace('{n}', num(current + 1)).replace('{total}', num(slides.length)).replace('{title}', titleOf(slides[current]));
    }
    if (!how.fromHash) history.replaceState(null, '', location.pathname + location.search + '#' + (current + 1));
    if (moved && !how.remote) send({ type: 'slide', n: current + 1 });
    if (isPresenter) presenterShow(moved);
    updateGuideLink();
  }
  function go(delta) { show(current + delta); }
  function fromHash() {
    var n = parseInt(location.hash.replace('#', ''), 10);
    return isNaN(n) ? 0 : n - 1;
  }
  // The top bar's guide link opens the guide at the unit of the current slide.
  var guideLink = doc.querySelector('.tp-topbar a[href$="facilitator-guide.html"]');
  var guideHref = guideLink && guideLink.getAttribute('href');
  function updateGuideLink() {
    var unit = slides[current] && slides[current].getAttribute('data-unit');
    if (guideLink) guideLink.setAttribute('href', guideHref + (unit ? '#unit-' + unit : ''));
  }

  // --- Controls fade when the pointer rests. -------------------------------
  var idleTimer = null;
  function wake() {
    doc.body.classList.remove('tp-idle');
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { doc.body.classList.add('tp-idle'); }, idleDelay);
  }

  // --- Key help and overview. ----------------------------------------------
  function setHelp(open) {
    help.hidden = !open;
    button('help').setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) help.querySelector('button').focus();
  }
  function buildOverview() {
    var list = overview.querySelector('.tp-overview-grid');
    if (list.children.length) return;
    slides.forEach(function (s, i) {
      var li = doc.createElement('li');
      var b = doc.createElement('button');
      b.type = 'button';
      b.setAttribute('data-go', String(i + 1));
      var thumb = doc.createElement('div');
      thumb.className = 'tp-thumb';
      thumb.setAttribute('aria-hidden', 'true');
      thumb.appendChild(copyOf(s));
      var label = doc.createElement('span');
      label.className = 'tp-thumb-label';
      label.textContent = num(i + 1) + '. ' + titleOf(s);
      b.appendChild(thumb);
      b.appendChild(label);
      li.appendChild(b);
      list.appendChild(li);
    });
  }
  function fitThumbs() {
    Array.prototype.forEach.call(overview.querySelectorAll('.tp-thumb'), function (t) { t.style.setProperty('--tp-scale', String(t.clientWidth / 1280)); });
  }
  function setOverview(open) {
    if (open) buildOverview();
    overview.hidden = !open;
    doc.body.classList.toggle('tp-overviewing', open);
    button('overview').setAttribute('aria-pressed', open ? 'true' : 'false');
    if (open) {
      fitThumbs();
      var here = overview.querySelector('[data-go="' + (current + 1) + '"]');
      if (here) { here.focus(); here.scrollIntoView({ block: 'nearest' }); }
    } else deck.focus();
  }
  // A slide as a picture: no ids, no notes, nothing to focus.
  function copyOf(slide) {
    var c = slide.cloneNode(true);
    c.removeAttribute('id');
    c.classList.add('is-current', 'tp-copy');
    c.setAttribute('inert', '');
    Array.prototype.forEach.call(c.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    Array.prototype.forEach.call(c.querySelectorAll('.tp-speaker-notes, button'), function (e) { e.remove(); });
    Array.prototype.forEach.call(c.querySelectorAll('[role]'), function (e) { e.removeAttribute('role'); });
    c.removeAttribute('aria-roledescription');
    c.removeAttribute('aria-label');
    return c;
  }

  // --- The presenter window. -------------------------------------------------
  function send(msg) {
    if (!partner || partner.closed) return;
    msg.tp = 'deck';
    msg.deck = deckId;
    try { partner.postMessage(msg, '*'); } catch (e) { /* the other window went away */ }
  }
  function openPresenter() {
    if (isPresenter) return;
    if (partner && !partner.closed) { partner.focus(); return; }
    var url = location.href.split('#')[0].split('?')[0] + '?presenter#' + (current + 1);
    partner = window.open(url, 'tp-presenter-' + deckId, 'popup,width=1280,height=800');
  }
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.tp !== 'deck' || d.deck !== deckId || !e.source) return;
    if (isPresenter ? e.source !== window.opener : (partner && e.source !== partner)) return;
    partner = e.source;
    if (d.type === 'slide' && typeof d.n === 'number' && d.n - 1 !== current) show(d.n - 1, { remote: true });
    else if (d.type === 'hello') send({ type: 'slide', n: current + 1 });
    else if (d.type === 'countdown') countdown(d.n, d.action, d.at, true);
  });

  var timer = { started: false, running: false, elapsed: 0, last: 0 };
  var spent = {};
  function presenterShow(moved) {
    if (moved && !timer.started) { timer.started = true; timer.running = true; timer.last = Date.now(); }
    var slide = slides[current];
    var nextSlide = slides[current + 1];
    var box = presenterUi.querySelector('.tp-presenter-next');
    box.textContent = '';
    if (nextSlide) box.appendChild(copyOf(nextSlide));
    presenterUi.querySelector('.tp-presenter-next-title').textContent = nextSlide ? num(current + 2) + '. ' + titleOf(nextSlide) : '—';
    var notes = slide.querySelector('.tp-speaker-notes');
    var pane = presenterUi.querySelector('.tp-presenter-notes');
    pane.innerHTML = notes ? notes.innerHTML : '';
    pane.classList.toggle('is-empty', !notes);
    tick();
  }
  function tick() {
    var now = Date.now();
    if (timer.running) {
      var d = now - timer.last;
      timer.elapsed += d;
      var unit = slides[current] && slides[current].getAttribute('data-unit');
      if (unit) spent[unit] = (spent[unit] || 0) + d;
    }
    timer.last = now;
    if (!isPresenter) return;
    var t = new Date();
    presenterUi.querySelector('.tp-clock').textContent = num(two(t.getHours()) + ':' + two(t.getMinutes()));
    var elapsed = presenterUi.querySelector('.tp-elapsed');
    elapsed.textContent = mmss(timer.elapsed / 1000);
    elapsed.setAttribute('data-state', timer.running ? 'running' : timer.started ? 'paused' : 'waiting');
    var s = slides[current];
    var unitId = s && s.getAttribute('data-unit');
    var line = presenterUi.querySelector('.tp-unit-time');
    line.hidden = !unitId;
    if (unitId) {
      var planned = Number(s.getAttribute('data-minutes')) || 0;
      var used = (spent[unitId] || 0) / 1000;
      line.querySelector('.tp-unit-time-title').textContent = s.getAttribute('data-unit-title') || '';
      line.querySelector('.tp-unit-time-spent').textContent = mmss(used);
      line.querySelector('.tp-unit-time-planned').textContent = num(planned);
      line.classList.toggle('is-over', planned > 0 && used > planned * 60);
    }
  }
  function timerButton(action, b) {
    if (action === 'pause') {
      if (!timer.started) { timer.started = true; timer.last = Date.now(); }
      timer.running = !timer.running;
      timer.last = Date.now();
      b.textContent = b.getAttribute(timer.running ? 'data-label-pause' : 'data-label-resume');
    } else if (action === 'reset') {
      timer.elapsed = 0;
      spent = {};
      timer.last = Date.now();
    }
    tick();
  }

  // --- Countdowns on activity slides: either window starts them, both run. ---
  var countdowns = {};
  function countdown(n, action, at, remote) {
    var slide = slides[n - 1];
    var el = slide && slide.querySelector('.tp-countdown');
    if (!el) return;
    var total = Number(el.getAttribute('data-seconds')) || 0;
    var c = countdowns[n] || (countdowns[n] = { left: total, endsAt: 0 });
    if (action === 'start') {
      if (c.endsAt) { c.left = Math.max(0, (c.endsAt - at) / 1000); c.endsAt = 0; }
      else c.endsAt = at + c.left * 1000;
    } else if (action === 'reset') { c.left = total; c.endsAt = 0; }
    if (!remote) send({ type: 'countdown', n: n, action: action, at: at });
    drawCountdowns();
  }
  function drawCountdowns() {
    var now = Date.now();
    Object.keys(countdowns).forEach(function (n) {
      var c = countdowns[n];
      var el = slides[n - 1].querySelector('.tp-countdown');
      var left = c.endsAt ? Math.max(0, (c.endsAt - now) / 1000) : c.left;
      if (c.endsAt && left === 0) { c.left = 0; c.endsAt = 0; }
      el.querySelector('.tp-countdown-time').textContent = mmss(Math.ceil(left));
      el.classList.toggle('is-running', !!c.endsAt);
      el.classList.toggle('is-done', left === 0);
      var b = el.querySelector('[data-countdown="start"]');
      b.textContent = b.getAttribute(c.endsAt ? 'data-label-pause' : 'data-label-start');
    });
  }

  // --- Input. ----------------------------------------------------------------
  var NEXT = rtl ? 'ArrowLeft' : 'ArrowRight';
  var PREV = rtl ? 'ArrowRight' : 'ArrowLeft';
  doc.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
    var k = e.key;
    if (k === 'Escape') {
      if (!help.hidden) { setHelp(false); button('help').focus(); }
      else if (!overview.hidden) setOverview(false);
      return;
    }
    if (k === '?') { setHelp(help.hidden); e.preventDefault(); return; }
    if (!overview.hidden) return; // the overview's buttons take the keys
    // Space and Enter keep their meaning on a focused button, link or menu.
    if ((k === ' ' || k === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY')) return;
    if (k === NEXT || k === 'PageDown' || k === ' ' || k === 'ArrowDown') { go(1); e.preventDefault(); }
    else if (k === PREV || k === 'PageUp' || k === 'ArrowUp' || k === 'Backspace') { go(-1); e.preventDefault(); }
    else if (k === 'Home') { show(0); e.preventDefault(); }
    else if (k === 'End') { show(slides.length - 1); e.preventDefault(); }
    else if (k === 'o' || k === 'O') setOverview(true);
    else if (k === 's' || k === 'S') openPresenter();
    else if (k === 'f' || k === 'F') fullscreen();
  });
  function fullscreen() {
    if (doc.fullscreenElement) doc.exitFullscreen();
    else if (doc.documentElement.requestFullscreen) doc.documentElement.requestFullscreen().catch(function () {});
  }
  doc.querySelector('.tp-deck-nav').addEventListener('click', function (e) {
    var b = e.target && e.target.closest && e.target.closest('[data-action]');
    var action = b && b.getAttribute('data-action');
    if (action === 'prev') go(-1);
    else if (action === 'next') go(1);
    else if (action === 'overview') setOverview(overview.hidden);
    else if (action === 'presenter') openPresenter();
    else if (action === 'fullscreen') fullscreen();
    else if (action === 'help') setHelp(help.hidden);
  });
  help.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('[data-action="help-close"]')) { setHelp(false); button('help').focus(); }
  });
  overview.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-go]');
    if (!b) return;
    show(Number(b.getAttribute('data-go')) - 1);
    setOverview(false);
  });
  presenterUi.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-timer]');
    if (b) timerButton(b.getAttribute('data-timer'), b);
  });
  deck.addEventListener('click', function (e) {
    var cd = e.target.closest && e.target.closest('[data-countdown]');
    if (cd) { countdown(current + 1, cd.getAttribute('data-countdown'), Date.now(), false); return; }
    if (e.target.closest && e.target.closest('a, button, summary')) return;
    if (isPresenter) return;
    var rect = this.getBoundingClientRect();
    var right = e.clientX > rect.left + rect.width / 2;
    go(right !== rtl ? 1 : -1);
  });
  var touch = null;
  doc.addEventListener('touchstart', function (e) { touch = { x: e.touches[0].clientX, y: e.touches[0].clientY }; }, { passive: true });
  doc.addEventListener('touchend', function (e) {
    if (!touch) return;
    var dx = e.changedTouches[0].clientX - touch.x;
    var dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    // Swiping against the reading direction brings the next slide, as turning a page does.
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) && overview.hidden) go((dx < 0) !== rtl ? 1 : -1);
  });
  ['pointermove', 'pointerdown'].forEach(function (t) { doc.addEventListener(t, wake, { passive: true }); });
  window.addEventListener('hashchange', function () { show(fromHash(), { fromHash: true }); });
  window.addEventListener('resize', fit);
  window.addEventListener('beforeprint', function () { setOverview(false); setHelp(false); });


  if (isPresenter) {
    doc.body.classList.add('tp-presenter-mode');
    presenterUi.hidden = false;
    doc.title = presenterUi.getAttribute('aria-label') + ' — ' + doc.title;
    partner = window.opener || null;
  }
  densify();
  if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(function () { densify(); });
  fit();
  show(fromHash(), { fromHash: true });
  if (isPresenter) send({ type: 'hello' });
  wake();
  setInterval(function () { tick(); drawCountdowns(); }, 500);
  // The audience window may have been reloaded (`trainpack dev` does on every save): say hello
  // now and then so it finds this window again and the two stay in step.
  if (isPresenter) setInterval(function () { send({ type: 'hello' }); }, 2000);
})();
