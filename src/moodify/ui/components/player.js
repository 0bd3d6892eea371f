// Moodify's docked player: HTML5 audio, play/pause, previous/next, a queue, auto-advance on `ended`,
// like / skip / dislike. Track data arrives as JSON and is only ever put in the page with textContent
// or as attributes of elements we create, never as HTML. Events go back to Python as trigger values.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement;
  let p = root.__moodifyPlayer;
  if (!p) {
    p = build(root);
    root.__moodifyPlayer = p;
  }
  p.send = (kind, track, index) =>
    setTriggerValue("event", { kind, key: track.key, index, n: ++p.sent });
  const tracks = (data && Array.isArray(data.tracks)) ? data.tracks : [];
  if (p.version !== data.version) {
    // A new playlist: load its first track, keep the sound off until the user presses play.
    p.version = data.version;
    p.tracks = tracks;
    p.started = new Set();
    load(p, Math.min(Math.max(data.index || 0, 0), Math.max(tracks.length - 1, 0)), false);
  }
  renderQueue(p);
  // Nothing to clean up on rerun: the audio keeps playing while Streamlit reruns the script.
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label, title, testid) {
  const b = el("button", "mp-btn", label);
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
  const p = { sent: 0, index: 0, tracks: [], version: null, started: new Set() };
  const bar = el("div", "mp-bar");
  bar.dataset.testid = "moodify-player";
  const art = el("div", "mp-art");
  const meta = el("div", "mp-meta");
  const title = el("div", "mp-title", "Nothing queued yet");
  const sub = el("div", "mp-sub", "Scan a photo to get a playlist");
  const credit = el("div", "mp-credit");
  meta.append(title, sub, credit);
  const controls = el("div", "mp-controls");
  const prev = button("⏮", "Previous track", "prev");
  const play = button("▶", "Play", "play");
  const next = button("⏭", "Next track", "next");
  controls.append(prev, play, next);
  const reactions = el("div", "mp-reactions");
  const like = button("♥", "Like: more like this", "like");
  const skip = button("↷", "Skip this track", "skip");
  const dislike = button("✕", "Dislike: never again", "dislike");
  const queueBtn = button("☰", "Show the queue", "queue");
  reactions.append(like, skip, dislike, queueBtn);
  const progress = el("div", "mp-progress");
  const fill = el("div", "mp-fill");
  progress.append(fill);
  const status = el("div", "mp-status");
  status.setAttribute("role", "status");
  const queue = el("ol", "mp-queue");
  queue.hidden = true;
  const audio = document.createElement("audio");
  audio.preload = "none";
  bar.append(progress, art, meta, controls, reactions, status);
  root.append(queue, bar, audio);
  Object.assign(p, { audio, art, title, sub, credit, play, queue, fill, status, like, dislike });

  play.onclick = () => {
    if (!current(p)) return;
    if (audio.paused) start(p); else audio.pause();
  };
  prev.onclick = () => { if (p.index > 0) { load(p, p.index - 1, !audio.paused); } };
  next.onclick = () => advance(p, !audio.paused);
  like.onclick = () => { const t = current(p); if (t) { p.send("like", t, p.index); mark(p, "liked"); } };
  dislike.onclick = () => {
    const t = current(p);
    if (t) { p.send("dislike", t, p.index); advance(p, !audio.paused); }
  };
  skip.onclick = () => {
    const t = current(p);
    if (t) { p.send("skip", t, p.index); advance(p, !audio.paused); }
  };
  queueBtn.onclick = () => { queue.hidden = !queue.hidden; };
  audio.onplay = () => { play.textContent = "⏸"; play.title = "Pause"; p.status.textContent = ""; };
  audio.onpause = () => { play.textContent = "▶"; play.title = "Play"; };
  audio.ontimeupdate = () => {
    const d = audio.duration;
    fill.style.width = d > 0 ? `${(100 * audio.currentTime) / d}%` : "0";
  };
  audio.onended = () => {
    const t = current(p);
    if (t) p.send("finished", t, p.index);
    advance(p, true);
  };
  audio.onerror = () => {
    p.status.textContent = "This track can't be streamed right now. Press ⏭ for the next one.";
    play.textContent = "▶";
  };
  return p;
}

function current(p) {
  return p.tracks[p.index];
}

function start(p) {
  const t = current(p);
  if (!t || !t.src) {
    p.status.textContent = "No stream for this track here; open its page to listen.";
    return;
  }
  const playing = p.audio.play();
  if (playing && playing.catch) {
    playing.catch(() => {
      p.status.textContent = "This track can't be streamed right now. Press ⏭ for the next one.";
    });
  }
  if (!p.started.has(p.index)) {
    p.started.add(p.index);
    p.send("play", t, p.index);
  }
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
  p.audio.pause();
  p.fill.style.width = "0";
  p.status.textContent = "";
  p.art.replaceChildren();
  p.credit.replaceChildren();
  if (!t) {
    p.audio.removeAttribute("src");
    p.title.textContent = "Nothing queued yet";
    p.sub.textContent = "Scan a photo to get a playlist";
    renderQueue(p);
    return;
  }
  if (t.src) p.audio.src = t.src; else p.audio.removeAttribute("src");
  p.title.textContent = t.title;
  p.sub.textContent = t.artist;
  const art = safeHref(t.artwork) || (typeof t.artwork === "string" && t.artwork.startsWith("/media/") ? t.artwork : null);
  if (art) {
    const img = el("img");
    img.alt = "";
    img.src = art;
    img.referrerPolicy = "no-referrer";
    p.art.append(img);
  } else {
    p.art.textContent = "♪";
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
    const a = el("a", "", t.license ? " · track page" : "track page");
    a.href = page; a.target = "_blank"; a.rel = "noopener noreferrer";
    p.credit.append(a);
  }
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
