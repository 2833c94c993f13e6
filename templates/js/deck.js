// trainpack deck: keyboard, click and touch navigation, speaker notes, presenter view.
// The current slide lives in the URL hash (#5), so a reload keeps it.
(function () {
  'use strict';
  var slides = Array.prototype.slice.call(document.querySelectorAll('.tp-slide'));
  var counter = document.querySelector('.tp-counter');
  var presenter = document.querySelector('.tp-presenter');
  var rtl = document.documentElement.dir === 'rtl';
  var current = 0;
  var started = Date.now();

  function fit() {
    var deck = document.getElementById('deck');
    var scale = Math.min(deck.clientWidth / 1280, deck.clientHeight / 720);
    slides.forEach(function (s) { s.style.transform = 'scale(' + scale + ')'; });
  }
  function show(n, fromHash) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) {
      var on = i === current;
      s.classList.toggle('is-current', on);
      s.setAttribute('aria-hidden', on ? 'false' : 'true');
    });
    counter.textContent = (current + 1) + ' / ' + slides.length;
    if (!fromHash) history.replaceState(null, '', '#' + (current + 1));
    var next = slides[current + 1];
    var nextTitle = presenter.querySelector('.tp-presenter-next-title');
    nextTitle.textContent = next ? (next.querySelector('h1, h2') || {}).textContent || '' : '—';
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
    var forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    var back = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (e.key === forward || e.key === 'PageDown' || e.key === ' ' || e.key === 'ArrowDown') { show(current + 1); e.preventDefault(); }
    else if (e.key === back || e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Backspace') { show(current - 1); e.preventDefault(); }
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(slides.length - 1);
    else if (e.key === 'n' || e.key === 'N') toggle('show-notes', button('notes'));
    else if (e.key === 'p' || e.key === 'P') toggle('presenter', button('presenter'));
    else if (e.key === 'f' || e.key === 'F') { if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(function () {}); }
  });
  document.querySelector('.tp-deck-nav').addEventListener('click', function (e) {
    var action = e.target && e.target.getAttribute && e.target.getAttribute('data-action');
    if (action === 'prev') show(current - 1);
    else if (action === 'next') show(current + 1);
    else if (action === 'notes') toggle('show-notes', e.target);
    else if (action === 'presenter') toggle('presenter', e.target);
  });
  document.getElementById('deck').addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('a')) return;
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
    var s = Math.floor((Date.now() - started) / 1000);
    presenter.querySelector('.tp-elapsed').textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  }, 1000);
  fit();
  show(fromHash(), true);
})();
