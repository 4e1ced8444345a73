// The console's only script: live inbox updates (server-sent events, polling as the fallback), the
// 未签收 count in the tab title, the 新 marker until a case is opened, an optional sound, and
// ticking deadline countdowns. Rows come from the server already escaped (Jinja2 autoescape);
// nothing scraped is built here.
"use strict";

const OPENED_KEY = "yq-opened";
const SOUND_KEY = "yq-sound";
const OPENED_MAX = 5000;

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

// Cases opened in this browser: their 新 marker is gone for good.
function openedCases() {
  try {
    return new Set(JSON.parse(localStorage.getItem(OPENED_KEY) || "[]"));
  } catch (err) {
    return new Set();
  }
}

function rememberOpened(id) {
  const seen = openedCases();
  seen.delete(id);
  seen.add(id);
  try {
    localStorage.setItem(OPENED_KEY, JSON.stringify(Array.from(seen).slice(-OPENED_MAX)));
  } catch (err) {
    // Storage full or disabled: the marker then lasts for this page only.
  }
}

function markNew(body) {
  const seen = openedCases();
  body.querySelectorAll("tr[data-case]").forEach((row) => {
    const fresh = row.dataset.unsigned === "1" && !seen.has(row.dataset.case);
    row.classList.toggle("new", fresh);
    const mark = row.querySelector(".new-mark");
    if (mark) mark.hidden = !fresh;
  });
}

function setUnsigned(count) {
  const base = document.title.replace(/^\(\d+\)\s*/, "");
  document.title = count > 0 ? `(${count}) ${base}` : base;
  const badge = document.getElementById("unsigned-count");
  if (badge) badge.textContent = String(count);
}

let audio = null;

function soundOn() {
  return localStorage.getItem(SOUND_KEY) === "1";
}

function beep() {
  if (!soundOn()) return;
  try {
    audio = audio || new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.08;
    tone.connect(gain);
    gain.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch (err) {
    // No audio device: the title and the marker still say it.
  }
}

function setupSound() {
  const box = document.getElementById("live-sound");
  if (!box) return;
  box.checked = soundOn();
  box.addEventListener("change", () => {
    localStorage.setItem(SOUND_KEY, box.checked ? "1" : "0");
    if (box.checked) {
      // Created on the click: browsers allow sound only after a gesture.
      try {
        audio = audio || new AudioContext();
        audio.resume();
      } catch (err) {
        box.checked = false;
      }
    }
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
  let polling = false;
  let busy = null;
  markNew(body);

  async function refreshRows() {
    const res = await fetch(live.dataset.src, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
    if (res.status === 401) {
      state.textContent = "会话已过期，请重新登录";
      live.classList.add("stale", "expired");
      return { expired: true, arrived: 0 };
    }
    if (!res.ok) throw new Error(String(res.status));
    body.innerHTML = await res.text();
    let arrived = 0;
    body.querySelectorAll("tr[data-case]").forEach((r) => {
      if (!known.has(r.dataset.case)) {
        r.classList.add("fresh");
        if (r.dataset.unsigned === "1") arrived += 1;
      }
    });
    known = idsOf();
    markNew(body);
    const unsigned = res.headers.get("X-Unsigned");
    if (unsigned !== null) setUnsigned(Number(unsigned));
    live.classList.remove("stale");
    tickCountdowns();
    return { expired: false, arrived, total: res.headers.get("X-Total") || "?" };
  }

  // One refresh at a time; a change announced meanwhile is fetched right after.
  async function refresh(label) {
    if (busy) {
      busy.again = true;
      return;
    }
    busy = { again: false };
    try {
      do {
        busy.again = false;
        const result = await refreshRows();
        if (result.expired) return;
        if (result.arrived) beep();
        state.textContent = `${label} · 共 ${result.total} 件`;
      } while (busy.again);
    } catch (err) {
      live.classList.add("stale");
      state.textContent = "暂时无法更新，稍后重试";
    } finally {
      busy = null;
    }
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    const tick = async () => {
      await refresh("定时刷新中");
      if (!live.classList.contains("expired")) setTimeout(tick, every);
    };
    setTimeout(tick, every);
  }

  if (!window.EventSource || !live.dataset.events) {
    startPolling();
    return;
  }
  const events = new EventSource(live.dataset.events);
  events.addEventListener("cases", (message) => {
    let data = {};
    try {
      data = JSON.parse(message.data);
    } catch (err) {
      return;
    }
    if (typeof data.unsigned === "number") setUnsigned(data.unsigned);
    refresh("实时推送中");
  });
  events.addEventListener("open", () => {
    live.classList.remove("stale");
    state.textContent = "实时推送中";
  });
  events.addEventListener("error", () => {
    live.classList.add("stale");
    if (events.readyState === EventSource.CLOSED) {
      // Refused (session over, or a proxy that cannot stream): poll instead; it says why.
      state.textContent = "推送不可用，改为定时刷新";
      startPolling();
    } else {
      state.textContent = "连接中断，正在重连…";
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const opened = document.getElementById("case-opened");
  if (opened && opened.dataset.case) rememberOpened(opened.dataset.case);
  tickCountdowns();
  setInterval(tickCountdowns, 1000);
  setupSound();
  startLive();
});
