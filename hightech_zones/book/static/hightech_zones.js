/* Draw the book's charts (hightech_zones.output.bundles._embed registers each one with hzChart):
   - after the page's fonts have loaded, since Vega measures label widths on a canvas and would
     otherwise measure them in a fallback font;
   - in the page's theme: the chart's config is merged with the theme's (window.hzChartThemes,
     written by the Sphinx extension from theme.chart_config), so paper, ink and grid follow
     the light or the dark theme;
   - again whenever the reader switches the theme (the theme sets data-theme on <html>). */
(function () {
  "use strict";
  var charts = [];
  var drawnIn = null;

  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
  }

  function merge(base, over) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(over || {}).forEach(function (k) {
      var a = out[k], b = over[k];
      var objects = a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b);
      out[k] = objects ? merge(a, b) : b;
    });
    return out;
  }

  function themed(spec) {
    var out = merge(spec, {});
    out.config = merge(spec.config, (window.hzChartThemes || {})[theme()]);
    return out;
  }

  function draw(chart) {
    if (chart.view) { chart.view.finalize(); }
    return window.vegaEmbed(chart.el, themed(chart.spec), {actions: false, renderer: "svg"})
      .then(function (result) { chart.view = result.view; chart.el.dataset.theme = theme(); })
      .catch(function (e) {
        chart.el.textContent = "This chart could not be drawn: " + e;
        console.error(e);
      });
  }

  var fontsLoaded = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  var pageLoaded = new Promise(function (resolve) {
    if (document.readyState === "complete") { resolve(); } else { window.addEventListener("load", resolve); }
  });
  var ready = Promise.all([pageLoaded, fontsLoaded]).then(function () {
    // Ask for the Chinese face by name: a font only loads once text needs it.
    return document.fonts && document.fonts.load ? document.fonts.load('12px "HZ Noto Sans SC"', "中").catch(function () {}) : null;
  });

  window.hzChart = function (el, spec) {
    var chart = {el: el, spec: spec, view: null};
    charts.push(chart);
    ready.then(function () { drawnIn = theme(); return draw(chart); });
  };

  new MutationObserver(function () {
    if (drawnIn !== null && theme() !== drawnIn) {
      drawnIn = theme();
      charts.forEach(draw);
    }
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
})();

/* Provenance cards: each number of the prose that shows a figure (a.hz-fig, written by
   hightech_zones.book.cards) opens a card that says where it comes from, built from
   window.hzCards (_static/hz-cards.js, made from data/ when the book is built).
   - hover, keyboard focus or a tap opens it; Escape, a tap elsewhere or leaving closes it;
   - the number is a link to its row of the register: a click (or Enter) follows it, a first
     tap on a touch screen opens the card instead;
   - every text is set as text (textContent), never as markup;
   - the card is a manual popover, so no container clips it, placed below the number (above it
     when there is no room) and kept inside the window, at any width. */
(function () {
  "use strict";
  var cards = {}, open = null, hideTimer = null, touched = null;

  function cardFor(link) {
    var ref = link.dataset.hz;
    if (cards[ref]) { return cards[ref]; }
    var data = (window.hzCards || {})[ref];
    if (!data) { return null; }
    var card = document.createElement("div");
    card.className = "hz-card";
    card.id = "hz-card-" + Object.keys(cards).length;
    card.setAttribute("role", "tooltip");
    card.setAttribute("popover", "manual");
    var kind = card.appendChild(document.createElement("p"));
    kind.className = "hz-card-kind";
    kind.textContent = data.kind;
    var title = card.appendChild(document.createElement("p"));
    title.className = "hz-card-title";
    title.textContent = data.title;
    var list = card.appendChild(document.createElement("dl"));
    data.rows.forEach(function (row) {
      list.appendChild(document.createElement("dt")).textContent = row[0];
      var dd = list.appendChild(document.createElement("dd"));
      dd.textContent = row[1];
      if (row[2]) { dd.lang = row[2]; }
    });
    var more = card.appendChild(document.createElement("p"));
    more.className = "hz-card-link";
    var a = more.appendChild(document.createElement("a"));
    a.href = link.getAttribute("href");
    a.textContent = data.register;
    card.addEventListener("mouseenter", cancelHide);
    card.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(card);
    cards[ref] = card;
    return card;
  }

  function place(link, card) {
    var gap = 6, margin = 8, box = link.getBoundingClientRect();
    card.style.maxHeight = "";
    var width = card.offsetWidth, height = card.offsetHeight;
    var below = window.innerHeight - box.bottom - gap - margin, above = box.top - gap - margin;
    // Below the number if it fits, else above; if neither, on the roomier side, scrolling inside.
    var down = height <= below || (height > above && below >= above);
    if (height > (down ? below : above)) {
      card.style.maxHeight = Math.max(80, down ? below : above) + "px";
      height = card.offsetHeight;
    }
    var left = Math.min(Math.max(margin, box.left), window.innerWidth - width - margin);
    card.style.left = Math.max(margin, left) + "px";
    card.style.top = Math.max(margin, down ? box.bottom + gap : box.top - gap - height) + "px";
  }

  function show(link) {
    cancelHide();
    var card = cardFor(link);
    if (!card) { return; }
    if (open && open.card !== card) { hide(); }
    if (!card.matches(":popover-open")) { card.showPopover(); }
    open = {link: link, card: card};
    place(link, card);
  }

  function hide() {
    cancelHide();
    if (open && open.card.matches(":popover-open")) { open.card.hidePopover(); }
    open = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, 250);
  }

  function cancelHide() {
    if (hideTimer) { window.clearTimeout(hideTimer); hideTimer = null; }
  }

  function start() {
    document.querySelectorAll("a.hz-fig[data-hz]").forEach(function (link) {
      var card = cardFor(link);
      if (!card) { return; }
      link.setAttribute("aria-describedby", card.id);
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", scheduleHide);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", function (event) {
        if (!open || !open.card.contains(event.relatedTarget)) { scheduleHide(); }
      });
      link.addEventListener("pointerdown", function (event) {
        touched = event.pointerType === "touch" && !(open && open.link === link) ? link : null;
      });
      link.addEventListener("click", function (event) {
        if (touched === link) {  // a first tap opens the card; a second follows the link
          event.preventDefault();
          touched = null;
          show(link);
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) { hide(); }
    });
    document.addEventListener("pointerdown", function (event) {
      if (open && !open.card.contains(event.target) && !open.link.contains(event.target)) { hide(); }
    });
    window.addEventListener("resize", function () { if (open) { place(open.link, open.card); } });
    window.addEventListener("scroll", function () { if (open) { place(open.link, open.card); } }, {passive: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
