// trainpack guide and handout: small enhancements; the page works without them.
// - A table wider than its box scrolls inside it: the box then becomes a
//   focusable, labelled region so keyboard users can scroll it too.
// - On phones the contents are a menu pinned to the top: folded at first,
//   folded again after a jump; unfolded for printing.
(function () {
  'use strict';
  var phone = window.matchMedia('(max-width: 47.99rem)');
  var toc = document.querySelector('.tp-toc details');
  var label = document.body.getAttribute('data-table-label') || '';

  function tables() {
    var boxes = document.querySelectorAll('.tp-table-wrap');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', label);
      } else if (box.hasAttribute('tabindex')) {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  }
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; tables(); });
  }

  if (toc) {
    if (phone.matches && !window.matchMedia('print').matches) toc.removeAttribute('open');
    toc.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a[href^="#"]');
      if (link && phone.matches) toc.removeAttribute('open');
    });
    var wasOpen = true;
    window.addEventListener('beforeprint', function () { wasOpen = toc.hasAttribute('open'); toc.setAttribute('open', ''); });
    window.addEventListener('afterprint', function () { if (!wasOpen) toc.removeAttribute('open'); });
  }
  tables();
  window.addEventListener('resize', later);
  window.addEventListener('load', later);
})();
