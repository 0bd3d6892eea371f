// Moodify's docked player: HTML5 audio, play/pause, previous/next, a queue, auto-advance on `ended`,
// like / skip / dislike. Track data arrives as JSON and is only ever put in the page with textContent
// or as attributes of elements we create, never as HTML.
// Events go back to Python as a state value: the last 20 events, numbered. Python handles those with a
// number above the last one it saw, so events sent close together (a track ends, the next one starts)
// are never merged or lost the way one-shot trigger values would be.
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement;
  let p = root.__moodifyPlayer;
  if (!p) {
    p = build(root);
    root.__moodifyPlayer = p;
  }
  installPageHelpers();
  p.send = (kind, track, index, extra) => {
    // Python numbers the tracks of its playlist; a track carried over from the previous one is -1.
    const at = index - p.offset;
    p.log = [...p.log, { n: ++p.sent, kind, key: track.key, index: at < 0 ? -1 : at, ...(extra || {}) }].slice(-20);
    setStateValue("log", { sid: p.sid, events: p.log });
  };
  const tracks = (data && Array.isArray(data.tracks)) ? data.tracks : [];
  const gone = new Set(Array.isArray(data.gone) ? data.gone : []);
  if (p.version !== data.version) {
    p.version = data.version;
    p.notice = typeof data.notice === "string" ? data.notice : "";
    queueArrived(p, tracks, gone, data.index || 0);
  }
  if (data.jump && data.jump !== p.jump) {
    // "Play" pressed on a track in the page's playlist: go there and start (the click is the gesture).
    p.jump = data.jump;
    const last = p.tracks.length - 1;
    if (p.tracks.length) load(p, Math.min(Math.max((data.index || 0) + p.offset, 0), last), true);
  }
  if (data.autoplay && data.autoplay !== p.autoplay) {
    // A playlist loaded on purpose (Play again): it starts, unless music plays; then it comes next.
    p.autoplay = data.autoplay;
    if (p.audio.paused && current(p)) start(p);
  }
  renderQueue(p);
  // Nothing to clean up on rerun: the audio keeps playing while Streamlit reruns the script.
}

// Our own constant icons (never data): 24x24 paths, drawn in the current text colour.
const ICONS = {
  prev: "M6 6h2v12H6zM9.5 12 18 18V6z",
  next: "M16 6h2v12h-2zM6 18l8.5-6L6 6z",
  play: "M8 5v14l11-7z",
  pause: "M6 5h4v14H6zM14 5h4v14h-4z",
  like: "M12 21.35 10.55 20C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54z",
  skip: "M4 18l8.5-6L4 6zm9-12v12l8.5-6z",
  dislike: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  queue: "M3 6h18v2H3zm0 5h18v2H3zm0 5h12v2H3z",
  note: "M12 3v10.55A4 4 0 1 0 14 17V7h4V3z",
  info: "M11 7h2v2h-2zm0 4h2v6h-2zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16z",
};

function icon(name) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

function setIcon(b, name) {
  b.replaceChildren(icon(name));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(iconName, title, testid) {
  const b = el("button", "mp-btn");
  b.append(icon(iconName));
  b.type = "button";
  b.title = title;
  b.setAttribute("aria-label", title);
  b.dataset.testid = testid;
  return b;
}

function safeHref(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function build(root) {
  const p = {
    sent: 0, log: [], sid: Math.random().toString(36).slice(2), index: 0, tracks: [], version: null,
    counted: new Set(), jump: 0, autoplay: 0, notice: "", offset: 0, loaded: null,
  };
  const bar = el("div", "mp-bar");
  bar.dataset.testid = "moodify-player";
  const art = el("div", "mp-art");
  const meta = el("div", "mp-meta");
  const title = el("div", "mp-title", "Nothing queued yet");
  const sub = el("div", "mp-sub", "Scan a photo to get a playlist");
  // The credit line (licence, track page) waits behind ⓘ beside the artist: it takes no row of its own
  const info = el("button", "mp-info");  // an ⓘ drawn as an icon: not every font has the character
  info.append(icon("info"));
  info.type = "button";
  info.dataset.testid = "credit";
  info.title = "Licence and track page";
  info.setAttribute("aria-label", "Licence and track page");
  info.setAttribute("aria-expanded", "false");
  info.hidden = true;
  const credit = el("div", "mp-credit");
  credit.id = "mp-credit-" + Math.random().toString(36).slice(2);
  credit.setAttribute("role", "note");
  credit.hidden = true;
  info.setAttribute("aria-controls", credit.id);
  info.onclick = () => showCredit(info, credit, credit.hidden);
  info.onkeydown = (e) => { if (e.key === "Escape") showCredit(info, credit, false); };
  const subRow = el("div", "mp-subrow");
  subRow.append(sub, info);
  meta.append(title, subRow);
  const controls = el("div", "mp-controls");
  const prev = button("prev", "Previous track", "prev");
  const play = button("play", "Play", "play");
  const next = button("next", "Next track", "next");
  controls.append(prev, play, next);
  const reactions = el("div", "mp-reactions");
  const like = button("like", "Like: more like this", "like");
  const skip = button("skip", "Skip this track", "skip");
  const dislike = button("dislike", "Dislike: never again", "dislike");
  const queueBtn = button("queue", "Show the queue", "queue");
  reactions.append(like, skip, dislike, queueBtn);
  const progress = el("div", "mp-progress");
  const fill = el("div", "mp-fill");
  progress.append(fill);
  const status = el("div", "mp-status");
  status.setAttribute("role", "status");
  status.onclick = () => status.classList.toggle("mp-open");  // a phone clamps it to two lines: tap for all
  const queue = el("ol", "mp-queue");
  queue.hidden = true;
  const audio = document.createElement("audio");
  audio.preload = "none";
  bar.append(progress, art, meta, controls, reactions, status, credit);
  root.append(queue, bar, audio);
  Object.assign(p, { audio, art, title, sub, info, credit, play, queue, fill, status, like, dislike });

  play.onclick = () => {
    if (!current(p)) return;
    if (audio.paused) start(p); else audio.pause();
  };
  prev.onclick = () => { if (p.index > 0) { load(p, p.index - 1, !audio.paused); } };
  next.onclick = () => advance(p, !audio.paused);
  like.onclick = () => { const t = current(p); if (t) { p.send("like", t, p.index); mark(p, "liked"); } };
  dislike.onclick = () => {
    const t = current(p);
    if (t) { p.send("dislike", t, p.index); remove(p, !audio.paused); }
  };
  skip.onclick = () => {
    const t = current(p);
    if (t) { p.send("skip", t, p.index); advance(p, !audio.paused); }
  };
  queueBtn.onclick = () => { queue.hidden = !queue.hidden; };
  audio.onplay = () => {
    setIcon(play, "pause"); play.title = "Pause"; play.setAttribute("aria-label", "Pause");
    bar.dataset.state = "playing"; p.status.textContent = "";
  };
  audio.onpause = () => {
    setIcon(play, "play"); play.title = "Play"; play.setAttribute("aria-label", "Play");
    bar.dataset.state = "paused";
  };
  audio.ontimeupdate = () => {
    const d = audio.duration;
    fill.style.width = d > 0 ? `${(100 * audio.currentTime) / d}%` : "0";
    // A play is audio that really played: 5 seconds of it (or the end, below), once per track.
    if (audio.currentTime >= PLAYED_S) countPlay(p);
  };
  audio.onended = () => {
    const t = playingTrack(p);
    if (t) { countPlay(p); p.send("finished", t, p.index); }
    advance(p, true);
  };
  audio.onerror = () => {
    const t = playingTrack(p);
    if (t && audio.getAttribute("src")) p.send("stream_error", t, p.index, { error: mediaError(audio.error) });
    p.status.textContent = "This track can't be streamed right now. Press next for the following one.";
    setIcon(play, "play");
  };
  return p;
}

const PLAYED_S = 5;
const MEDIA_ERRORS = { 1: "aborted", 2: "network", 3: "decode", 4: "unsupported" };

function mediaError(err) {
  return (err && MEDIA_ERRORS[err.code]) || "unknown";
}

// What the <audio> holds is the loaded track; only its own audio counts for it, never the seconds of a
// track that played before (a stale timeupdate arriving after Next, Play again or a new queue).
function countPlay(p) {
  const t = playingTrack(p);
  if (!t || p.counted.has(t.key)) return;
  p.counted.add(t.key);
  p.send("play", t, p.index, { seconds: Math.round(p.audio.currentTime * 10) / 10 });
}

function playingTrack(p) {
  const t = current(p);
  return t && p.loaded === t.key && p.audio.getAttribute("src") ? t : null;
}

// A disliked track leaves the queue at once; the one after it takes its place (and plays if music played).
function remove(p, autoplay) {
  p.tracks = p.tracks.filter((_, i) => i !== p.index);
  if (p.index < p.offset) p.offset -= 1;
  if (p.index < p.tracks.length) load(p, p.index, autoplay);
  else if (p.tracks.length) { load(p, p.tracks.length - 1, false); p.status.textContent = "End of the playlist."; }
  else load(p, 0, false);
}

// A new queue arrived (a new mode, a saved setting, a dislike, Play again): never cut the music.
// The loaded track stays if the new queue has it (the player just moves to its place there). A track that
// plays and isn't in it stays first, ahead of the new tracks, unless it was disliked: then the player
// moves on to the track Python says is next. Otherwise the new queue loads at that track, silent.
function queueArrived(p, tracks, gone, index) {
  const now = current(p);
  const playing = !p.audio.paused && !!now;
  const at = now ? tracks.findIndex((t) => t.key === now.key) : -1;
  if (at >= 0) {
    p.tracks = tracks; p.offset = 0; p.index = at;
  } else if (playing && !gone.has(now.key)) {
    p.tracks = [now, ...tracks]; p.offset = 1; p.index = 0;
  } else {
    p.tracks = tracks; p.offset = 0;
    load(p, Math.min(Math.max(index, 0), Math.max(tracks.length - 1, 0)), playing);
  }
}

function current(p) {
  return p.tracks[p.index];
}

function start(p) {
  const t = current(p);
  if (!t || !t.src) {
    p.status.textContent = p.notice || "No stream for this track here; open its page to listen.";
    return;
  }
  const index = p.index;
  const playing = p.audio.play();
  if (playing && playing.catch) {
    playing.catch((err) => {
      // The browser refusing autoplay is not a broken stream; anything else is reported as one.
      if (err && err.name === "NotAllowedError") {
        p.status.textContent = "Press play to start the music.";
        return;
      }
      if (err && err.name === "AbortError") return;  // another track was loaded meanwhile
      p.send("stream_error", t, index, { error: "unsupported" });
      p.status.textContent = "This track can't be streamed right now. Press next for the following one.";
    });
  }
  p.send("start", t, index);  // tells the page what is playing; a play only once audio has played
}

function showCredit(info, credit, open) {
  credit.hidden = !open;
  info.setAttribute("aria-expanded", open ? "true" : "false");
}

function advance(p, autoplay) {
  if (p.index + 1 < p.tracks.length) load(p, p.index + 1, autoplay);
  else { p.audio.pause(); p.status.textContent = "End of the playlist."; }
}

function mark(p, what) {
  p.status.textContent = what === "liked" ? "Liked: the next playlists learn from it." : "";
}

function load(p, index, autoplay) {
  p.index = index;
  const t = current(p);
  p.counted.clear();  // a play counts once per time a track is loaded
  p.audio.pause();
  p.fill.style.width = "0";
  p.status.textContent = "";
  p.art.replaceChildren();
  p.credit.replaceChildren();
  showCredit(p.info, p.credit, false);
  p.info.hidden = true;
  if (!t) {
    p.loaded = null;
    p.audio.removeAttribute("src");
    p.audio.load();
    p.title.textContent = "Nothing queued yet";
    p.sub.textContent = "Scan a photo to get a playlist";
    renderQueue(p);
    return;
  }
  p.loaded = t.key;
  if (t.src) p.audio.src = t.src;
  else { p.audio.removeAttribute("src"); p.audio.load(); }  // load(): the old track's position goes too
  p.title.textContent = t.title;
  // Say where it comes from and what it is: "Leonard Cohen · Deezer · 30-s preview".
  p.sub.textContent = [t.artist, t.provider, t.length].filter((x) => typeof x === "string" && x).join(" · ");
  if (!t.src && p.notice && t.provider === "Deezer") p.status.textContent = p.notice;
  const art = safeHref(t.artwork) || (typeof t.artwork === "string" && t.artwork.startsWith("/media/") ? t.artwork : null);
  if (art) {
    const img = el("img");
    img.alt = "";
    img.src = art;
    img.referrerPolicy = "no-referrer";
    p.art.append(img);
  } else {
    p.art.append(icon("note"));
  }
  const page = safeHref(t.url);
  if (t.license) {
    const text = `${t.license}`;
    if (safeHref(t.license_url)) {
      const a = el("a", "", text);
      a.href = t.license_url; a.target = "_blank"; a.rel = "noopener noreferrer";
      p.credit.append(a);
    } else {
      p.credit.append(el("span", "", text));
    }
  }
  if (page) {
    if (t.license) p.credit.append(" · ");
    const a = el("a", "", "track page");
    a.href = page; a.target = "_blank"; a.rel = "noopener noreferrer";
    p.credit.append(a);
  }
  p.info.hidden = !p.credit.childNodes.length;
  renderQueue(p);
  if (autoplay) start(p);
}

function renderQueue(p) {
  const items = p.tracks.map((t, i) => {
    const li = el("li", i === p.index ? "mp-now" : "");
    const b = el("button", "mp-qitem", `${t.title} — ${t.artist}`);
    b.type = "button";
    b.onclick = () => load(p, i, true);
    li.append(b);
    return li;
  });
  p.queue.replaceChildren(...items);
}

// --- page helpers --------------------------------------------------------------------------------
// This script runs in the page's own document (not an iframe) and the player is on every signed-in
// page, so it also does the things Streamlit can't be told to: close the phone menu once a page is
// picked, name the phone menu's button, and give the ▶ ♥ ✕ buttons of the track list names a screen
// reader can say.
const PHONE = "(max-width: 767px)";  // where Streamlit's menu lies over the page instead of beside it
const ACTIONS = { "▶": "Play", "♥": "Like", "✕": "Dislike" };

function installPageHelpers() {
  if (window.__moodifyPageHelpers) return;
  window.__moodifyPageHelpers = true;
  document.addEventListener("click", (e) => {
    const link = e.target instanceof Element && e.target.closest('[data-testid="stSidebarNav"] a');
    if (link && window.matchMedia(PHONE).matches) setTimeout(closeMenu, 0);
  }, true);
  let queued = false;
  const relabel = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; labelTrackButtons(); labelMenu(); });
  };
  new MutationObserver(relabel).observe(document.body, { childList: true, subtree: true });
  relabel();
}

function closeMenu() {
  const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button')
    || document.querySelector('button[data-testid="stSidebarCollapseButton"]');
  if (button) button.click();
}

// The phone menu's button is a bare "»" icon: name it (the visible word comes from style.css).
function labelMenu() {
  const node = document.querySelector('[data-testid="stExpandSidebarButton"]');
  const b = node && (node.tagName === "BUTTON" ? node : node.querySelector("button"));
  if (b && b.getAttribute("aria-label") !== "Menu") {
    b.setAttribute("aria-label", "Menu");
    b.title = "Menu";
  }
}

function labelTrackButtons() {
  // Each row of the page's playlist: the card (its title in data-title) and its ▶ ♥ ✕ buttons.
  for (const row of document.querySelectorAll('[class*="st-key-mf-row-"]')) {
    const card = row.querySelector(".mf-track[data-title]");
    if (!card) continue;
    for (const b of row.querySelectorAll("button")) {
      const verb = ACTIONS[b.textContent.trim()];
      const name = verb && `${verb} ${card.dataset.title}`;
      if (name && b.getAttribute("aria-label") !== name) b.setAttribute("aria-label", name);
    }
  }
}
