// trainpack deck: keyboard, click and touch navigation, speaker notes, presenter view.
// The current slide lives in the URL hash (#5), so a reload keeps it. Each
// change is announced ("Slide 5 of 11: title") in a polite live region.
(function () {
  'use strict';
  var deck = document.getElementById('deck');
  var slides = Array.prototype.slice.call(document.querySelectorAll('.tp-slide'));
  var counter = document.querySelector('.tp-counter');
  var status = document.querySelector('.tp-deck-status');
  var presenter = document.querySelector('.tp-presenter');
  var rtl = document.documentElement.dir === 'rtl';
  // The edition's digits (`numbers: native`): data-digits holds its 0-9, space-separated.
  var digits = (deck.getAttribute('data-digits') || '').split(' ');
  function num(n) { return digits.length === 10 ? String(n).replace(/[0-9]/g, function (d) { return digits[+d]; }) : String(n); }
  var current = -1;
  var started = Date.now();

  function fit() {
    var scale = Math.min(deck.clientWidth / 1280, deck.clientHeight / 720);
    slides.forEach(function (s) { s.style.transform = 'scale(' + scale + ')'; });
  }
  // An overfull slide steps its type down (deck.css: 28 px, then 24 px) rather than lose text.
  function densify() {
    slides.forEach(function (s) {
      var inner = s.querySelector('.tp-slide-inner');
      var over = function () { return inner.scrollHeight > inner.clientHeight + 1; };
      s.classList.remove('tp-dense', 'tp-denser');
      s.classList.add('is-measuring');
      if (over()) {
        s.classList.add('tp-dense');
        if (over()) { s.classList.remove('tp-dense'); s.classList.add('tp-denser'); }
      }
      s.classList.remove('is-measuring');
    });
  }
  function titleOf(slide) {
    var h = slide && slide.querySelector('h1, h2');
    return h ? h.textContent.trim() : '';
  }
  function show(n, fromHash) {
    var next = Math.max(0, Math.min(slides.length - 1, n));
    var old = slides[current];
    // Focus inside a slide that is going away would be lost: keep it on the deck.
    if (old && next !== current && old.contains(document.activeElement)) deck.focus();
    var announce = current !== -1 && next !== current;
    current = next;
    slides.forEach(function (s, i) {
      var on = i === current;
      s.classList.toggle('is-current', on);
      s.setAttribute('aria-hidden', on ? 'false' : 'true');
    });
    counter.textContent = num(current + 1) + ' / ' + num(slides.length);
    if (announce) {
      status.textContent = (status.getAttribute('data-template') || '{n} / {total}')
        .replace('{n}', num(current + 1)).replace('{total}', num(slides.length)).replace('{title}', titleOf(slides[current]));
    }
    if (!fromHash) history.replaceState(null, '', '#' + (current + 1));
    var following = slides[current + 1];
    presenter.querySelector('.tp-presenter-next-title').textContent = following ? titleOf(following) : '—';
    var notes = slides[current].querySelector('.tp-speaker-notes');
    presenter.querySelector('.tp-presenter-notes').innerHTML = notes ? notes.innerHTML : '';
  }
  function fromHash() {
    var n = parseInt(location.hash.replace('#', ''), 10);
    return isNaN(n) ? 0 : n - 1;
  }
  function toggle(name, button) {
    var on = document.body.classList.toggle(name);
    if (button) button.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (name === 'presenter') presenter.hidden = !on;
    fit();
  }
  function button(action) { return document.querySelector('[data-action="' + action + '"]'); }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
    // Space and Enter keep their meaning on a focused button or link.
    if ((e.key === ' ' || e.key === 'Enter') && (tag === 'BUTTON' || tag === 'A')) return;
    var forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    var back = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (e.key === forward || e.key === 'PageDown' || e.key === ' ' || e.key === 'ArrowDown') { show(current + 1); e.preventDefault(); }
    else if (e.key === back || e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Backspace') { show(current - 1); e.preventDefault(); }
    else if (e.key === 'Home') { show(0); e.preventDefault(); }
    else if (e.key === 'End') { show(slides.length - 1); e.preventDefault(); }
    else if (e.key === 'n' || e.key === 'N') toggle('show-notes', button('notes'));
    else if (e.key === 'p' || e.key === 'P') toggle('presenter', button('presenter'));
    else if (e.key === 'f' || e.key === 'F') { if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(function () {}); }
  });
  document.querySelector('.tp-deck-nav').addEventListener('click', function (e) {
    var b = e.target && e.target.closest && e.target.closest('[data-action]');
    var action = b && b.getAttribute('data-action');
    if (action === 'prev') show(current - 1);
    else if (action === 'next') show(current + 1);
    else if (action === 'notes') toggle('show-notes', b);
    else if (action === 'presenter') toggle('presenter', b);
  });
  deck.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('a, button')) return;
    var rect = this.getBoundingClientRect();
    var right = e.clientX > rect.left + rect.width / 2;
    show(current + ((right !== rtl) ? 1 : -1));
  });
  var touchX = null;
  document.addEventListener('touchstart', function (e) { touchX = e.touches[0].clientX; }, { passive: true });
  document.addEventListener('touchend', function (e) {
    if (touchX === null) return;
    var dx = e.changedTouches[0].clientX - touchX;
    if (Math.abs(dx) > 50) show(current + ((dx < 0) !== rtl ? 1 : -1));
    touchX = null;
  });
  window.addEventListener('hashchange', function () { show(fromHash(), true); });
  window.addEventListener('resize', fit);
  setInterval(function () {
    if (presenter.hidden) return;
    var s = Math.floor((Date.now() - started) / 1000);
    presenter.querySelector('.tp-elapsed').textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  }, 1000);
  densify();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(densify);
  fit();
  show(fromHash(), true);
})();
