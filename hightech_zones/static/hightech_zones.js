/* Draw the book's charts (hightech_zones.charts._embed registers each one with hzChart):
   - after the page's fonts have loaded, since Vega measures label widths on a canvas and would
     otherwise measure them in a fallback font;
   - in the page's theme: the chart's config is merged with the theme's (window.hzChartThemes,
     written by the Sphinx extension from rendering.chart_config), so paper, ink and grid follow
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
