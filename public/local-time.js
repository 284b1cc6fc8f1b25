// Optional: offers to show every time in the reader's own zone. The page reads correctly without it.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const times = document.querySelectorAll("time[datetime]");
  const note = document.querySelector("[data-zone-note]");
  if (!zone || times.length === 0 || !note) return;
  // The page's words and language (the layout hands them over as JSON in <body data-words>), English if absent.
  const words = JSON.parse(document.body.dataset.words || "{}");
  const lang = document.documentElement.lang || "en";
  const say = (key, english) => words[key] ?? english;
  const format = new Intl.DateTimeFormat(lang === "en" ? "en-US" : lang, {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone,
    timeZoneName: "short",
  });
  const localDay = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", year: "numeric", timeZone: zone });
  const original = new Map([...times].map((t) => [t, t.textContent]));
  const pageNote = note.textContent;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "local-time";
  let local = false;
  const render = () => {
    for (const [t, text] of original) {
      if (!local) {
        t.textContent = text;
        continue;
      }
      const parts = Object.fromEntries(format.formatToParts(new Date(t.dateTime)).map((p) => [p.type, p.value]));
      t.textContent =
        lang === "en"
          ? `${parts.month} ${parts.day}, ${parts.year} - ${parts.hour}:${parts.minute} ${parts.timeZoneName}`
          : `${localDay.format(new Date(t.dateTime))}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
    }
    note.textContent = local ? `${say("yourZone", "your time zone")} (${zone})` : pageNote;
    button.textContent = local ? say("showPageZone", "Show the page's time zone") : `${say("showTimesIn", "Show times in")} ${zone}`;
  };
  button.addEventListener("click", () => {
    local = !local;
    render();
  });
  note.parentElement.append(" ", button);
  render();
})();
