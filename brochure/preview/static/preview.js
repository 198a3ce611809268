// brochure preview: shows the state the server pushes (server-sent events on /events).
// Pages are PNG images of the trim area; each finding of `check` that knows where it is on its
// page becomes a box (a button: focusable, its message shown on hover, focus or tap).
"use strict";

const WORDS = JSON.parse(document.getElementById("words").textContent);
const $ = (id) => document.getElementById(id);
const t = (key, params = {}) =>
  (WORDS[key] || key).replace(/\{(\w+)\}/g, (_, name) => (name in params ? params[name] : `{${name}}`));

let current = null; // the last state shown
let pageOf = new Map(); // page number → <figure>

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function statusText(state) {
  if (state.status === "building") return t("preview.building");
  if (state.status === "failed") return t("preview.failed", { time: state.time });
  if (!state.pages.length) return t("preview.waiting");
  const updated = t("preview.updated", { time: state.time, pages: state.pages.length });
  return state.status === "checking" ? `${updated} — ${t("preview.checking")}` : updated;
}

function spreadLabel(pair) {
  const pages = pair.filter((n) => n !== null);
  return pages.length === 1 ? t("preview.page", { n: pages[0] }) : t("preview.pages", { first: pages[0], last: pages[1] });
}

// --- pages ----------------------------------------------------------------------------------
function layoutKey(state) {
  return JSON.stringify(state.spreads);
}

function buildSpreads(state) {
  const main = $("spreads");
  main.querySelectorAll(".spread").forEach((node) => node.remove());
  pageOf = new Map();
  state.spreads.forEach((pair, k) => {
    const spread = el("section", { class: "spread", id: `spread-${k}`, tabindex: "-1", "aria-label": spreadLabel(pair) });
    for (const n of pair) {
      const slot = el("div", { class: "slot" });
      if (n !== null) {
        const figure = el("figure", { class: "page", id: `page-${n}`, "data-page": String(n) },
          el("img", { alt: t("preview.page", { n }) }),
          el("div", { class: "boxes" }),
          el("figcaption", { text: String(n) }));
        pageOf.set(n, figure);
        slot.append(figure);
      }
      spread.append(slot);
    }
    main.append(spread);
  });
}

function showPages(state) {
  $("waiting").hidden = state.pages.length > 0;
  if (!state.pages.length) return;
  if (!current || layoutKey(current) !== layoutKey(state) || pageOf.size !== state.pages.length) buildSpreads(state);
  for (const page of state.pages) {
    const figure = pageOf.get(page.n);
    const img = figure.querySelector("img");
    if (img.getAttribute("src") !== page.src) {
      img.width = page.w;
      img.height = page.h;
      img.setAttribute("src", page.src);
    }
    figure.dataset.trim = JSON.stringify(page.trim);
  }
}

// --- findings ---------------------------------------------------------------------------------
function describe(f, withHint = true) {
  const where = f.file ? `${f.file}${f.line ? ":" + f.line : ""}${f.field ? " " + f.field : ""}: ` : "";
  return `${where}${f.message}${withHint && f.hint ? " — " + f.hint : ""}`;
}

function clamp(v) {
  return Math.min(100, Math.max(0, v));
}

function drawBoxes(state) {
  for (const figure of pageOf.values()) figure.querySelector(".boxes").replaceChildren();
  const area = (f) => (f.bbox ? (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]) : 0);
  // Larger boxes first: a small box drawn inside a large one stays on top, reachable by the pointer.
  const order = (state.findings || []).map((f, i) => [f, i]).sort((a, b) => area(b[0]) - area(a[0]));
  order.forEach(([f, i]) => {
    const figure = pageOf.get(f.page);
    if (!figure || !f.bbox) return;
    const [x0, y0, x1, y1] = JSON.parse(figure.dataset.trim);
    const [bx0, by0, bx1, by1] = f.bbox;
    const w = x1 - x0, h = y1 - y0;
    const left = clamp(((bx0 - x0) / w) * 100), right = clamp(((bx1 - x0) / w) * 100);
    const top = clamp(((y1 - by1) / h) * 100), bottom = clamp(((y1 - by0) / h) * 100);
    const tip = el("span", { class: "tip", role: "tooltip", id: `tip-${i}`, text: describe(f) });
    const box = el("button", {
      type: "button", class: `box ${f.severity}`, id: `finding-${i}`, "data-code": f.code,
      "aria-label": `${t(f.severity === "error" ? "severity.error" : "severity.warning")}: ${f.message}`,
      "aria-describedby": `tip-${i}`,
    }, tip);
    box.style.left = `${left}%`;
    box.style.top = `${top}%`;
    box.style.width = `${Math.max(right - left, 1)}%`;
    box.style.height = `${Math.max(bottom - top, 0.7)}%`;
    if (left > 60) tip.style.left = "auto", tip.style.right = "0";
    box.addEventListener("click", () => box.focus()); // a tap shows the message too
    figure.querySelector(".boxes").append(box);
  });
}

function listFindings(state) {
  const list = $("findings");
  list.replaceChildren();
  const verdict = $("verdict");
  if (state.findings === null) {
    verdict.textContent = t("preview.checking");
    verdict.className = "";
    return;
  }
  verdict.textContent = state.verdict || "";
  verdict.className = state.verdict_kind || "";
  if (state.check_error) list.append(el("li", { class: "error", text: state.check_error }));
  if (!state.findings.length && !state.check_error) list.append(el("li", { text: t("preview.no_findings") }));
  state.findings.forEach((f, i) => {
    const label = `${f.page ? t("preview.page", { n: f.page }) + ": " : ""}${describe(f, false)}`;
    const target = f.bbox && pageOf.has(f.page) ? `finding-${i}` : f.page ? `page-${f.page}` : null;
    const item = el("li", { class: f.severity, title: describe(f) });
    if (target) {
      const link = el("a", { href: `#${target}`, text: label });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const node = document.getElementById(target);
        node.scrollIntoView({ block: "center" });
        if (node.tagName === "BUTTON") node.focus({ preventScroll: true });
      });
      item.append(link);
    } else {
      item.textContent = label;
    }
    list.append(item);
  });
}

// --- plan, errors, header ---------------------------------------------------------------------
function showPlan(state) {
  const list = $("plan");
  list.replaceChildren();
  for (const entry of state.plan) {
    const first = entry.pages[0], last = entry.pages[entry.pages.length - 1];
    const pages = first === last ? t("preview.page", { n: first }) : t("preview.pages", { first, last });
    const link = el("a", { href: `#page-${first}`, text: `${entry.label} (${pages})` });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusSpread(spreadIndexOf(first));
    });
    list.append(el("li", {}, link));
  }
}

function showErrors(state) {
  const box = $("errors");
  box.hidden = !state.errors.length;
  box.textContent = state.errors.join("\n");
}

function show(state) {
  $("status").textContent = statusText(state);
  showErrors(state);
  showPages(state);
  drawBoxes(state);
  listFindings(state);
  showPlan(state);
  const open = $("open-pdf");
  open.hidden = !state.pdf;
  if (state.pdf) open.setAttribute("href", state.pdf);
  document.body.dataset.build = String(state.build);
  document.body.dataset.status = state.status;
  current = state;
}

// --- keyboard: ← → move between spreads ------------------------------------------------------
function spreadIndexOf(page) {
  return current ? current.spreads.findIndex((pair) => pair.includes(page)) : 0;
}

function focusSpread(k) {
  const spreads = [...document.querySelectorAll(".spread")];
  if (!spreads.length) return;
  const node = spreads[Math.min(Math.max(k, 0), spreads.length - 1)];
  node.scrollIntoView({ block: "start" });
  node.focus({ preventScroll: true });
}

function currentSpread() {
  const spreads = [...document.querySelectorAll(".spread")];
  const active = document.activeElement && document.activeElement.closest(".spread");
  if (active) return spreads.indexOf(active);
  const visible = spreads.findIndex((node) => node.getBoundingClientRect().bottom > 80);
  return Math.max(visible, 0);
}

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (["ArrowRight", "PageDown"].includes(event.key)) focusSpread(currentSpread() + 1);
  else if (["ArrowLeft", "PageUp"].includes(event.key)) focusSpread(currentSpread() - 1);
  else if (event.key === "Home") focusSpread(0);
  else if (event.key === "End") focusSpread(Infinity);
  else if (event.key === "Escape" && document.activeElement) document.activeElement.blur();
  else return;
  event.preventDefault();
});

// --- start --------------------------------------------------------------------------------------
function start() {
  $("plan-title").textContent = t("preview.plan");
  $("findings-title").textContent = t("preview.findings");
  $("spreads-title").textContent = t("preview.spreads");
  $("open-pdf").textContent = t("preview.open_pdf");
  $("keys").textContent = t("preview.keys");
  $("waiting").textContent = t("preview.waiting");
  fetch("/state.json").then((r) => r.json()).then(show).catch(() => {});
  const events = new EventSource("/events");
  events.onmessage = (event) => show(JSON.parse(event.data));
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) $("status").textContent = t("preview.lost");
  };
  // EventSource reconnects by itself; after a restart of the server the page catches up.
  events.onopen = () => { if (current) $("status").textContent = statusText(current); };
}

start();
