// Compile and draw Vega-Lite specs with the Vega-Lite and Vega that JupyterLab ships.
//
// Reads {"name": spec, ...} as JSON on stdin; writes, as JSON on stdout, the versions used and,
// for each name, every warning and error that Vega-Lite's compiler and Vega's view reported,
// and how many marks the drawn SVG holds. tests/test_lab_vegalite.py runs it.
"use strict";
const vega = require("vega");
const vl = require("vega-lite");

function recorder(into) {
  // A logger in the shape both libraries expect; anything at warning level or above is kept.
  const logger = {
    level(l) { return l === undefined ? vega.Warn : logger; },
    error(...args) { into.push("error: " + args.join(" ")); return logger; },
    warn(...args) { into.push("warning: " + args.join(" ")); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger;
}

async function check(spec) {
  const problems = [];
  try {
    const compiled = vl.compile(spec, {logger: recorder(problems)}).spec;
    const view = new vega.View(vega.parse(compiled), {renderer: "none", logger: recorder(problems)});
    view.logLevel(vega.Warn);
    const svg = await view.toSVG();
    view.finalize();
    return {problems, marks: (svg.match(/<path|<rect|<line|<text|<circle/g) || []).length};
  } catch (err) {
    problems.push("error: " + (err && err.stack || err));
    return {problems, marks: 0};
  }
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const results = {};
  for (const [name, spec] of Object.entries(JSON.parse(input))) results[name] = await check(spec);
  process.stdout.write(JSON.stringify({vega: vega.version, "vega-lite": vl.version, results}));
}

main().catch((err) => { console.error(err); process.exit(1); });
