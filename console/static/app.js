// The console's only script: live inbox refresh by polling, and ticking deadline countdowns.
// Rows come from the server already escaped (Jinja2 autoescape); nothing scraped is built here.
"use strict";

function formatLeft(ms) {
  const over = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60);
  const text = d ? `${d}天${h}小时` : (h ? `${h}小时${m}分` : `${m}分`);
  return (over ? "超时 " : "剩 ") + text;
}

function tickCountdowns() {
  const now = Date.now();
  document.querySelectorAll("[data-due]").forEach((el) => {
    const due = Date.parse(el.dataset.due);
    if (Number.isNaN(due)) return;
    const label = el.dataset.label ?? (el.dataset.label = el.textContent.replace(/\s*(剩|超时)\s.*$/, ""));
    el.textContent = (label ? label + " " : "") + formatLeft(due - now);
    el.classList.toggle("over", due <= now);
  });
}

function startLive() {
  const live = document.getElementById("live");
  const body = document.getElementById("inbox-rows");
  if (!live || !body) return;
  const state = document.getElementById("live-state");
  const every = Math.max(1, Number(live.dataset.interval || 15)) * 1000;
  const idsOf = () => new Set(Array.from(body.querySelectorAll("tr[data-case]"), (r) => r.dataset.case));
  let known = idsOf();
  async function refresh() {
    try {
      const res = await fetch(live.dataset.src, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
      if (res.status === 401) {
        state.textContent = "会话已过期，请重新登录";
        live.classList.add("stale");
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      body.innerHTML = await res.text();
      // Rows that were not on the page before are marked until the next refresh.
      body.querySelectorAll("tr[data-case]").forEach((r) => {
        if (!known.has(r.dataset.case)) r.classList.add("fresh");
      });
      known = idsOf();
      live.classList.remove("stale");
      state.textContent = "实时更新中 · 共 " + (res.headers.get("X-Total") || "?") + " 件";
      tickCountdowns();
    } catch (err) {
      live.classList.add("stale");
      state.textContent = "暂时无法更新，稍后重试";
    }
    setTimeout(refresh, every);
  }
  setTimeout(refresh, every);
}

document.addEventListener("DOMContentLoaded", () => {
  tickCountdowns();
  setInterval(tickCountdowns, 1000);
  startLive();
});
