// Optional: one tooltip tells a bar's day, uptime and events, on hover and from the keyboard (one tab
// stop per component; arrows, Home and End move a day). Without it, every bar but green and grey has
// a title, and the legend under the components tells those two.
(() => {
  const names = [...(document.getElementById("bar-events")?.children ?? [])].map((li) => li.textContent);
  // The page's words and language (the layout hands them over as JSON in <body data-words>), English if absent.
  const words = JSON.parse(document.body.dataset.words || "{}");
  const lang = document.documentElement.lang || "en";
  const date = new Intl.DateTimeFormat(lang === "en" ? "en-US" : lang, { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
  const notes = new Map();
  const tip = Object.assign(document.createElement("div"), { id: "bar-tip", className: "bar-tip", hidden: true });
  tip.setAttribute("role", "tooltip");
  // Back to the day a focused container shows, if one does (hovering another component's bars moved the tooltip away).
  const restores = new WeakMap();
  const restoreOrHide = () => (restores.get(document.activeElement) ?? hide)();

  // Calendar arithmetic in UTC on data-from's day: no time zone can shift a label.
  const dayOf = (from, i) => {
    const [y, m, d] = from.split("-").map(Number);
    return date.format(Date.UTC(y, m - 1, d + i));
  };
  const textOf = (bars, i) => {
    const bar = bars.children[i];
    const own =
      notes.get(bar) ??
      `${dayOf(bars.dataset.from, i)} · ${bar.classList.contains("n") ? (words.noData ?? "No data") : (words.fullDay ?? "100.00 % uptime · No downtime")}`;
    const events = (bars.dataset.ev ?? "")
      .split(" ")
      .filter(Boolean)
      .map((range) => range.split(/[:-]/).map(Number))
      .filter(([, first, last]) => first <= i && i <= last);
    return events.length > 0 ? `${own} · ${events.map(([index]) => names[index]).join("; ")}` : own;
  };

  const show = (bars, i) => {
    tip.textContent = textOf(bars, i);
    tip.hidden = false;
    tip.style.left = "0px"; // measured at full width, wherever it was last
    const box = bars.children[i].getBoundingClientRect();
    const left = Math.max(4, Math.min(document.documentElement.clientWidth - tip.offsetWidth - 4, box.left + (box.width - tip.offsetWidth) / 2));
    const above = box.top - tip.offsetHeight - 6;
    tip.style.left = `${left + scrollX}px`;
    tip.style.top = `${(above >= 0 ? above : box.bottom + 6) + scrollY}px`;
  };
  const hide = () => {
    tip.hidden = true;
    tip.textContent = "";
  };

  for (const bars of document.querySelectorAll(".bars[data-from]")) {
    const last = bars.children.length - 1;
    const indexOf = (target) => [...bars.children].indexOf(target);
    let current = -1;
    const select = (i) => {
      bars.children[current]?.classList.remove("cur");
      current = Math.max(0, Math.min(last, i));
      bars.children[current].classList.add("cur");
      show(bars, current);
    };
    for (const bar of bars.querySelectorAll("[title]")) {
      notes.set(bar, bar.title);
      bar.removeAttribute("title");
    }
    bars.tabIndex = 0;
    bars.setAttribute("aria-describedby", tip.id);
    restores.set(bars, () => show(bars, current));
    // Announced only while the keyboard moves through the days, not on every hover.
    bars.addEventListener("mouseover", (e) => {
      if (indexOf(e.target) < 0) return;
      tip.removeAttribute("aria-live");
      show(bars, indexOf(e.target));
    });
    bars.addEventListener("mouseleave", restoreOrHide);
    // A click or tap focuses the container: start from that bar, not today.
    bars.addEventListener("mousedown", (e) => {
      if (indexOf(e.target) < 0) return;
      if (document.activeElement === bars) select(indexOf(e.target));
      else current = indexOf(e.target);
    });
    bars.addEventListener("focus", () => select(current >= 0 ? current : last));
    bars.addEventListener("blur", () => {
      bars.children[current]?.classList.remove("cur");
      current = -1;
      hide();
    });
    bars.addEventListener("keydown", (e) => {
      const moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: last };
      if (e.key === "Escape") hide();
      else if (e.key in moves) {
        tip.setAttribute("aria-live", "polite");
        select(moves[e.key]);
      } else return;
      e.preventDefault();
    });
  }
  (document.querySelector("main") ?? document.body).append(tip);
})();
