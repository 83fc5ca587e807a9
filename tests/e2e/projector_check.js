// What a meeting-room projector would cut, measured in the page as drawn (tests/e2e/test_projector.py).
//
// Returns {problems, words, ticks, axes}:
//  - problems: text cut with an ellipsis (metric values and labels, select values, buttons…),
//    a row of options scrolled sideways,
//    tables whose columns do not fit (with the number of pinned columns), table headers
//    narrower than their text, missing cells drawn as Streamlit's "None", data labels past a
//    chart's edge, tick labels
//    outside their chart, under its legend or over each other;
//  - words: the visible text (placeholders, table headers and cells, chart labels included)
//    for the caller's language checks;
//  - axes: every plotly axis with its type and tick texts, for the format checks.
//
// Streamlit draws tables on a canvas (Glide Data Grid): their columns, widths and cells are
// read from the grid's React props, the same data the canvas is painted from.
async () => {
  const problems = [];
  // after scrolling an element into view, two animation frames: layout and paint have run (the
  // grid's props and plotly's layout are read, not pixels; fixed waits of 200-300 ms measured
  // the same on every page, in both languages, at both sizes)
  const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };
  const text = (el) => (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
  const owner = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const id = e.getAttribute && e.getAttribute("data-testid");
      if (id && /^st[A-Z]/.test(id) && id !== "stMarkdownContainer") return id;
    }
    return "?";
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const words = [];

  // 1. text cut with an ellipsis
  for (const el of app.querySelectorAll("*")) {
    const cs = getComputedStyle(el);
    if (cs.textOverflow !== "ellipsis" || cs.overflowX === "visible" || !shown(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push({ kind: "clipped-text", where: owner(el), text: text(el), need: el.scrollWidth, width: el.clientWidth });
    }
  }

  // a row of options (segmented control, radio) scrolled sideways: some options out of view
  const main = app.querySelector('[data-testid="stMain"]') || app;
  for (const el of main.querySelectorAll('[data-testid="stButtonGroup"], [role="radiogroup"]')) {
    if (!shown(el) || el.clientWidth < 40) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push({ kind: "options-cut", where: owner(el), text: text(el), need: el.scrollWidth, width: el.clientWidth });
    }
  }

  // 2. tables
  const ruler = document.createElement("canvas").getContext("2d");
  for (const frame of app.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (!shown(frame)) continue;
    frame.scrollIntoView({ block: "center" });
    await painted();
    const canvas = frame.querySelector("canvas");
    if (!canvas) {
      problems.push({ kind: "table-not-drawn", where: "stDataFrame" });
      continue;
    }
    const fiberKey = Object.keys(canvas).find((k) => k.startsWith("__reactFiber"));
    let grid = null;
    let placeholder = null;
    for (let f = canvas[fiberKey]; f; f = f.return) {
      const p = f.memoizedProps;
      if (!grid && p && Array.isArray(p.columns) && p.getCellContent) grid = p;
      if (p && p.element && p.element.placeholder !== undefined) {
        placeholder = p.element.placeholder;
        break;
      }
    }
    if (!grid) continue;
    const titles = grid.columns.map((c) => c.title || "");
    const name = titles.filter(Boolean).slice(0, 3).join("|");
    words.push(...titles);
    const scroller = frame.querySelector(".dvn-scroller");
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 2) {
      problems.push({ kind: "table-scrolls", where: name, hidden: scroller.scrollWidth - scroller.clientWidth, pinned: grid.freezeColumns || 0 });
    }
    const room = scroller ? scroller.clientWidth : grid.width;
    const fixed = grid.columns.reduce((a, c) => a + (c.width || 0), 0);
    const grows = grid.columns.reduce((a, c) => a + (c.grow || 0), 0);
    const style = getComputedStyle(frame.querySelector(".stDataFrameGlideDataEditor"));
    ruler.font = (style.getPropertyValue("--gdg-header-font-style").trim() || "400 14px") + ' "Source Sans", sans-serif';
    for (const c of grid.columns) {
      if (!c.title) continue;
      const width = (c.width || 0) + (grows ? (Math.max(0, room - fixed) * (c.grow || 0)) / grows : 0);
      const need = ruler.measureText(c.title).width + 16 + (c.icon ? 24 : 0);
      if (need > width + 1) problems.push({ kind: "header-cut", where: name, text: c.title, need: Math.round(need), width: Math.round(width) });
    }
    let missing = 0;
    for (let r = 0; r < Math.min(grid.rows, 60); r++) {
      for (let k = 0; k < grid.columns.length; k++) {
        const cell = grid.getCellContent([k, r]);
        if (cell && cell.isMissingValue) missing++;
        else if (cell && typeof cell.displayData === "string") words.push(cell.displayData);
      }
    }
    if (missing && !placeholder) problems.push({ kind: "none-cells", where: name, count: missing });
  }

  // 3. charts
  const axes = [];
  for (const plot of app.querySelectorAll(".js-plotly-plot")) {
    if (!shown(plot)) continue;
    plot.scrollIntoView({ block: "center" });
    await painted();
    const box = plot.getBoundingClientRect();
    const heading = plot.querySelector(".gtitle") || (plot.closest('[data-testid="stVerticalBlock"]') || plot).querySelector("h2, h3");
    const where = heading ? heading.textContent.slice(0, 40) : "?";
    const legend = plot.querySelector(".legend");
    const lbox = legend ? legend.getBoundingClientRect() : null;
    const layout = plot._fullLayout || {};
    for (const id of Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k))) {
      const axis = layout[id];
      const cls = `${id[0]}${id.slice(5)}tick`; // xaxis2 -> x2tick
      const labels = [...plot.querySelectorAll(`g.${cls} text`)].filter((t) => t.textContent.trim());
      const rects = labels.map((t) => t.getBoundingClientRect());
      axes.push({ chart: where, axis: id, type: axis.type, ticks: labels.map((t) => t.textContent.trim()) });
      labels.forEach((label, i) => {
        const r = rects[i];
        const s = label.textContent.trim();
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          problems.push({ kind: "tick-outside", where, text: s });
        }
        if (lbox && lbox.width && !(r.right <= lbox.left || r.left >= lbox.right || r.bottom <= lbox.top || r.top >= lbox.bottom)) {
          problems.push({ kind: "tick-under-legend", where, text: s });
        }
        const next = rects[i + 1];
        if (!next) return;
        const turn = parseFloat(((label.getAttribute("transform") || "").match(/rotate\((-?[\d.]+)/) || [0, 0])[1]);
        if (Math.abs(turn) > 1) {
          // turned labels are apart when the step across them is more than a line of text
          const step = Math.hypot((next.left + next.right - r.left - r.right) / 2, (next.top + next.bottom - r.top - r.bottom) / 2);
          const line = parseFloat(getComputedStyle(label).fontSize) || 12;
          if (step * Math.abs(Math.sin((turn * Math.PI) / 180)) < line * 0.9) {
            problems.push({ kind: "ticks-overlap", where, text: `${s} / ${labels[i + 1].textContent}` });
          }
        } else {
          const ox = Math.min(r.right, next.right) - Math.max(r.left, next.left);
          const oy = Math.min(r.bottom, next.bottom) - Math.max(r.top, next.top);
          if (ox > 2 && oy > 2) problems.push({ kind: "ticks-overlap", where, text: `${s} / ${labels[i + 1].textContent}` });
        }
      });
    }
    // data labels (a bar's or a funnel step's numbers) drawn past the chart's edge are cut
    for (const label of plot.querySelectorAll(".cartesianlayer .plot text, .funnellayer text")) {
      const s = label.textContent.trim();
      if (!s) continue;
      const r = label.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push({ kind: "label-outside", where, text: s });
    }
    for (const t of plot.querySelectorAll(".g-xtitle text, .g-ytitle text, .legendtext, .gtitle")) words.push(t.textContent.trim());
  }

  // 4. every visible text, placeholders included (Material icon ligatures left out)
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], [translate="no"]') || !el.checkVisibility()) continue;
    if (node.textContent.trim()) words.push(node.textContent.trim());
  }
  for (const el of app.querySelectorAll("[placeholder]")) words.push(el.getAttribute("placeholder"));
  return { problems, words, axes };
};
