// trainpack site: the contents list follows the reader (the link of the unit in
// view is marked aria-current="location"). Links to other files print as text: print-links.js.
(function () {
  'use strict';
  var toc = document.querySelector('.tp-toc');
  if (!toc || !('IntersectionObserver' in window)) return;
  var targets = Array.prototype.slice.call(document.querySelectorAll('main .tp-unit[id], main #agenda'));
  var links = {};
  targets.forEach(function (t) { var a = toc.querySelector('a[href="#' + t.id + '"]'); if (a) links[t.id] = a; });
  var visible = {};
  var marked = null;
  function update() {
    var best = null;
    for (var i = 0; i < targets.length; i++) if (visible[targets[i].id]) { best = targets[i].id; break; }
    if (!best || best === marked) return;
    if (marked && links[marked]) links[marked].removeAttribute('aria-current');
    marked = best;
    var a = links[best];
    if (!a) return;
    a.setAttribute('aria-current', 'location');
    // Keep the marked link in sight in a sidebar that scrolls on its own (not on phones, where it is folded).
    var box = toc.getBoundingClientRect();
    var r = a.getBoundingClientRect();
    if (toc.scrollHeight > toc.clientHeight && (r.top < box.top || r.bottom > box.bottom)) toc.scrollTop += r.top - box.top - box.height / 3;
  }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
    update();
  }, { rootMargin: '0px 0px -55% 0px' });
  targets.forEach(function (t) { io.observe(t); });
})();
