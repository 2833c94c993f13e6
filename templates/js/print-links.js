// trainpack pages and decks: links to other files print as text (one script for both page types).
(function () {
  'use strict';
  // Printing (and the PDF stage, which prints): a link to a file beside the page would become an
  // absolute file:// address of wherever it was built — useless to a reader and different on every
  // build. Such links print as their text; anchors within the page and web addresses stay links.
  var unlinked = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('a[href]'), function (a) {
      var href = a.getAttribute('href');
      if (href.charAt(0) === '#' || /^[a-z][a-z0-9+.-]*:/i.test(href)) return;
      unlinked.push([a, href]);
      a.removeAttribute('href');
    });
  });
  window.addEventListener('afterprint', function () {
    unlinked.forEach(function (x) { x[0].setAttribute('href', x[1]); });
    unlinked = [];
  });
})();
