// Checks that the truth of a generated page matches what is visible: every
// text item (.t, tagged with its block, row and place in the row) lies whole inside the page,
// inside its nearest .box, inside any ancestor that clips, on one line, not
// covered by anything and not overlapping another item; the items of a row
// are side by side left to right and share a baseline band; the rows of a
// block go top to bottom; every font the page names is installed. The result
// goes into document.title: "OK", or the problems, one per "|".
(function () {
  const errs = [];
  const say = (m) => { if (errs.length < 20) errs.push(m); };
  const fontOK = (f) => {
    const c = document.createElement('canvas').getContext('2d');
    const s = 'abcdefghijklm WMil 0123456789';
    c.font = `40px "${f}", monospace`; const a = c.measureText(s).width;
    c.font = `40px "${f}", serif`; const b = c.measureText(s).width;
    return a === b;
  };
  for (const f of PAGE.fonts) if (!fontOK(f)) say(`font ${f} missing`);
  const items = [...document.querySelectorAll('.t')].map((e) => {
    const rg = document.createRange(); rg.selectNodeContents(e);
    const rs = [...rg.getClientRects()].filter((r) => r.width > 0);
    return { e, rs, r: rg.getBoundingClientRect(), b: +e.dataset.b, row: +e.dataset.r, i: +e.dataset.i, s: e.textContent };
  }).filter((it) => it.s.trim() !== '');
  const inside = (r, o, tol = 0.5) => r.left >= o.left - tol && r.right <= o.right + tol &&
    r.top >= o.top - tol && r.bottom <= o.bottom + tol;
  const page = { left: 0, top: 0, right: PAGE.w, bottom: PAGE.h };
  for (const it of items) {
    const { e, r, s } = it;
    const tops = new Set(it.rs.map((x) => Math.round(x.top)));
    if (tops.size > 1) say(`wraps: ${s}`);
    if (!inside(r, page)) say(`off page: ${s}`);
    const box = e.parentElement.closest('.box');
    if (box && !inside(r, box.getBoundingClientRect(), 1)) say(`outside its box: ${s}`);
    for (let a = e.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if ((cs.overflow !== 'visible' || cs.overflowX !== 'visible') && a !== document.body &&
        !inside(r, a.getBoundingClientRect(), 1)) say(`clipped: ${s}`);
    }
    const y = (r.top + r.bottom) / 2;
    for (const x of [r.left + 2, (r.left + r.right) / 2, r.right - 2]) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === e || e.contains(hit))) { say(`covered: ${s}`); break; }
    }
    const cs = getComputedStyle(e);
    if (cs.visibility !== 'visible' || +cs.opacity < 1) say(`hidden: ${s}`);
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].r, b = items[j].r;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        say(`overlap: ${items[i].s} / ${items[j].s}`);
      }
    }
  }
  const rows = new Map();
  for (const it of items) {
    const k = `${it.b}:${it.row}`;
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k).push(it);
  }
  const band = new Map();
  for (const [k, its] of rows) {
    its.sort((a, b) => a.i - b.i); // the truth's order, not the document's
    for (let i = 1; i < its.length; i++) {
      const a = its[i - 1].r, b = its[i].r;
      if (b.left < a.right - 1) say(`row ${k} not left to right: ${its[i].s}`);
      const ov = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (ov < 0.5 * Math.min(a.height, b.height)) say(`row ${k} not one row: ${its[i - 1].s} / ${its[i].s}`);
    }
    band.set(k, { top: Math.min(...its.map((x) => x.r.top)), bottom: Math.max(...its.map((x) => x.r.bottom)), s: its[0].s });
  }
  for (const [k, r] of band) {
    const [b, row] = k.split(':').map(Number);
    const prev = band.get(`${b}:${row - 1}`);
    if (prev && r.top < (prev.top + prev.bottom) / 2) say(`row ${k} not below the row before: ${r.s}`);
  }
  document.title = errs.length ? errs.join(' | ') : 'OK';
})();
