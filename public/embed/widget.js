/*! Edge Status widget: a notice on your own site while your status page reports an unresolved
 * incident or an active maintenance; nothing at all when all is well.
 *   <script src="https://status.example.com/embed/widget.js" async
 *           data-position="bottom-right" data-theme="auto" data-components="ID,ID" data-lang="pt-BR"></script>
 * It speaks the status page's language, or the reader's when the page offers it (data-lang picks
 * one of the page's languages); English when its words cannot be had.
 * No dependencies, no globals, styles in a shadow DOM, every error swallowed. The script tag tells
 * how it went: data-edge-status="loading", then "ready" (data-edge-status-notices="0" when nothing
 * is shown) or "error" (status page unreachable or unreadable: nothing is shown). */
(function () {
  "use strict";
  var A = "data-edge-status";
  var TIMEOUT_MS = 5000;
  var MAX_ITEMS = 3;
  var STORE = "edge-status:dismissed:";
  var ENGLISH = {
    locale: "en",
    words: {
      statuses: {
        investigating: "Investigating",
        identified: "Identified",
        monitoring: "Monitoring",
        resolved: "Resolved",
        postmortem: "Postmortem",
        scheduled: "Scheduled",
        in_progress: "In progress",
        verifying: "Verifying",
        completed: "Completed",
      },
      heading: "{page} status",
      unnamedHeading: "Service status",
      update: "Update",
      maintenance: "Maintenance",
      incident: "Incident",
      more: "{count} more on the status page",
      dismiss: "Dismiss status notice",
    },
  };
  var WORDS = ["heading", "unnamedHeading", "update", "maintenance", "incident", "more", "dismiss"];
  var ACTIVE = { in_progress: 1, verifying: 1 };
  var POSITIONS = { "bottom-right": 1, "bottom-left": 1, "top-right": 1, "top-left": 1 };
  var LIGHT =
    "--bg:#fff;--fg:#1f2328;--mu:#59636e;--ln:#d1d9e0;--lk:#0550ae;--none:#59636e;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--maintenance:#0969da";
  var DARK =
    "--bg:#151b23;--fg:#e6edf3;--mu:#9198a1;--ln:#3d444d;--lk:#4493f8;--none:#9198a1;--minor:#d29922;--major:#f0883e;--critical:#f85149;--maintenance:#58a6ff";
  var CSS =
    ".box{" +
    LIGHT +
    ";box-sizing:border-box;position:relative;width:22rem;max-width:calc(100vw - 32px);padding:12px 44px 12px 14px;" +
    "border:1px solid var(--ln);border-radius:8px;background:var(--bg);color:var(--fg);box-shadow:0 4px 16px rgba(0,0,0,.2);" +
    "font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;text-align:left;overflow-wrap:anywhere}" +
    ":host([data-theme=dark]) .box{" +
    DARK +
    "}@media (prefers-color-scheme:dark){:host([data-theme=auto]) .box{" +
    DARK +
    "}}" +
    "p{margin:0 0 6px;color:var(--mu);font-size:12px}ul{list-style:none;margin:0;padding:0}li{position:relative;padding-left:16px}" +
    "li+li{margin-top:8px}li:before{content:'';position:absolute;left:0;top:5px;width:9px;height:9px;border-radius:50%;background:var(--c)}" +
    "a{color:var(--lk);font-weight:600}a:focus-visible,button:focus-visible{outline:2px solid var(--lk);outline-offset:2px}" +
    "span{display:block;color:var(--mu);font-size:13px}" +
    "button{position:absolute;top:6px;right:6px;width:30px;height:30px;margin:0;padding:0;border:0;border-radius:6px;" +
    "background:none;color:var(--mu);font:22px/1 system-ui,sans-serif;cursor:pointer}button:hover{background:var(--ln);color:var(--fg)}" +
    ".i-none{--c:var(--none)}.i-minor{--c:var(--minor)}.i-major{--c:var(--major)}.i-critical{--c:var(--critical)}.i-maintenance{--c:var(--maintenance)}";

  var script = null;

  function set(name, value) {
    try {
      if (script) script.setAttribute(name, value);
    } catch (e) {
      /* never break the page */
    }
  }

  function findScript() {
    var own = document.currentScript;
    if (own && own.src) return own;
    var all = document.getElementsByTagName("script");
    for (var i = 0; i < all.length; i++) {
      var src = String(all[i].getAttribute("src") || "").split(/[?#]/)[0];
      if (/\/embed\/widget\.js$/.test(src) && !all[i].hasAttribute(A)) return all[i];
    }
    return null;
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** The status page's words if they came whole, else English: a notice never shows a hole. */
  function wordsOf(answer) {
    var given = answer && typeof answer === "object" && answer.words && typeof answer.words === "object" ? answer.words : null;
    if (!given || typeof answer.locale !== "string" || !given.statuses || typeof given.statuses !== "object") return ENGLISH;
    for (var i = 0; i < WORDS.length; i++) if (typeof given[WORDS[i]] !== "string") return ENGLISH;
    for (var status in ENGLISH.words.statuses) if (own(ENGLISH.words.statuses, status) && typeof given.statuses[status] !== "string") return ENGLISH;
    return answer;
  }

  /** A phrase with `{name}` filled in (split and join: no pattern in the value is ever interpreted). */
  function fill(phrase, name, value) {
    return phrase.split("{" + name + "}").join(value);
  }

  function isArray(x) {
    return Object.prototype.toString.call(x) === "[object Array]";
  }

  /** What to show: open incidents, then active maintenances, limited to the wanted components. */
  function pick(summary, wanted, origin, words, linkQuery) {
    function label(status) {
      return own(words.statuses, status) ? words.statuses[status] : words.update;
    }
    var out = [];
    function add(list, path, keep) {
      if (!isArray(list)) return;
      for (var i = 0; i < list.length; i++) {
        var ev = list[i];
        if (!ev || typeof ev !== "object" || !keep(ev)) continue;
        if (wanted && !affects(ev, wanted)) continue;
        var ups = isArray(ev.incident_updates) ? ev.incident_updates : [];
        var last = ups[0] || null;
        var prev = ups[1] || null;
        var id = String(ev.id || "");
        var text = last ? (prev && prev.status === last.status ? words.update : label(last.status)) : label(ev.status);
        out.push({
          key: id + ":" + (last ? String(last.id) : ""),
          name: String(ev.name || ""),
          meta: path === "maintenances" ? words.maintenance + " · " + text : text,
          impact: path === "maintenances" ? "maintenance" : { minor: 1, major: 1, critical: 1 }[ev.impact] ? ev.impact : "none",
          href: /^[A-Za-z0-9_-]+$/.test(id)
            ? origin + "/" + path + "/" + id + linkQuery
            : /^https?:\/\//i.test(String(ev.shortlink))
              ? String(ev.shortlink)
              : origin + "/" + linkQuery,
        });
      }
    }
    add(summary.incidents, "incidents", function (ev) {
      return ev.status !== "resolved" && ev.status !== "postmortem";
    });
    add(summary.scheduled_maintenances, "maintenances", function (ev) {
      return ACTIVE[ev.status] === 1;
    });
    return out;
  }

  function affects(ev, wanted) {
    var list = isArray(ev.components) ? ev.components : [];
    for (var i = 0; i < list.length; i++) {
      var c = list[i];
      if (c && (wanted[c.id] === 1 || (c.group_id && wanted[c.group_id] === 1))) return true;
    }
    return false;
  }

  function dismissed(key) {
    try {
      return window.sessionStorage.getItem(STORE + key) === "1";
    } catch (e) {
      return false;
    }
  }

  function remember(key) {
    try {
      window.sessionStorage.setItem(STORE + key, "1");
    } catch (e) {
      /* private mode: forget it */
    }
  }

  function el(root, tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    root.appendChild(node);
    return node;
  }

  function show(items, pageName, origin, position, theme, language, linkQuery) {
    var words = language.words;
    var sides = position.split("-");
    var host = document.createElement("edge-status-notice");
    host.setAttribute("style", "all:initial;display:block;position:fixed;z-index:2147483647;" + sides[0] + ":16px;" + sides[1] + ":16px");
    host.setAttribute("data-theme", theme);
    var root = host.attachShadow({ mode: "open" });
    el(root, "style", "", CSS);
    // The live region exists (empty) before its text arrives, so screen readers announce the text.
    var box = el(root, "div", "box");
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.setAttribute("lang", language.locale);
    document.body.appendChild(host);

    function close() {
      for (var i = 0; i < items.length; i++) remember(items[i].key);
      if (host.parentNode) host.parentNode.removeChild(host);
      set(A + "-notices", "0");
    }

    setTimeout(function () {
      try {
        el(box, "p", "", pageName ? fill(words.heading, "page", pageName) : words.unnamedHeading);
        var ul = el(box, "ul");
        for (var i = 0; i < items.length && i < MAX_ITEMS; i++) {
          var li = el(ul, "li", "i-" + items[i].impact);
          var a = el(li, "a", "", items[i].name || words.incident);
          a.href = items[i].href;
          a.target = "_blank";
          a.rel = "noopener";
          el(li, "span", "", items[i].meta);
        }
        if (items.length > MAX_ITEMS) {
          var more = el(el(ul, "li", "i-none"), "a", "", fill(words.more, "count", String(items.length - MAX_ITEMS)));
          more.href = origin + "/" + linkQuery;
          more.target = "_blank";
          more.rel = "noopener";
        }
        var button = el(box, "button", "", "\u00d7");
        button.type = "button";
        button.setAttribute("aria-label", words.dismiss);
        button.addEventListener("click", function () {
          try {
            close();
          } catch (e) {
            /* ignore */
          }
        });
        box.addEventListener("keydown", function (event) {
          try {
            if (event.key === "Escape") close();
          } catch (e) {
            /* ignore */
          }
        });
        set(A + "-notices", String(items.length));
        set(A, "ready");
      } catch (e) {
        set(A, "error");
      }
    }, 50);
  }

  function whenBody(run) {
    if (document.body) return run();
    document.addEventListener("DOMContentLoaded", function () {
      try {
        run();
      } catch (e) {
        set(A, "error");
      }
    });
  }

  function load(url) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer;
    var timeout = new Promise(function (resolve, reject) {
      timer = setTimeout(function () {
        try {
          if (controller) controller.abort();
        } catch (e) {
          /* ignore */
        }
        reject(new Error("timeout"));
      }, TIMEOUT_MS);
    });
    var request = fetch(url, { credentials: "omit", signal: controller ? controller.signal : undefined }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    });
    return Promise.race([request, timeout]).then(
      function (value) {
        clearTimeout(timer);
        return value;
      },
      function (error) {
        clearTimeout(timer);
        request.catch(function () {});
        throw error;
      },
    );
  }

  try {
    script = findScript();
    if (!script || typeof fetch !== "function" || typeof Promise !== "function" || !window.Element || !Element.prototype.attachShadow) return;
    set(A, "loading");
    var origin = new URL(script.src, location.href).origin;
    if (!/^https?:/.test(origin)) throw new Error("origin");
    var position = script.getAttribute("data-position");
    if (POSITIONS[position] !== 1) position = "bottom-right";
    var theme = script.getAttribute("data-theme");
    if (theme !== "light" && theme !== "dark") theme = "auto";
    var lang = String(script.getAttribute("data-lang") || "");
    // Links open the page in the language the site chose for the widget.
    var linkQuery = /^[A-Za-z-]{2,12}$/.test(lang) ? "?lang=" + lang : "";
    var wanted = null;
    var ids = String(script.getAttribute("data-components") || "").split(",");
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i].replace(/^\s+|\s+$/g, "");
      if (id) (wanted = wanted || {})[id] = 1;
    }

    var language = load(origin + "/embed/widget-words.json" + linkQuery).then(wordsOf, function () {
      return ENGLISH;
    });
    Promise.all([load(origin + "/api/v2/summary.json"), language])
      .then(function (loaded) {
        var summary = loaded[0];
        if (!summary || typeof summary !== "object") throw new Error("summary");
        var items = pick(summary, wanted, origin, loaded[1].words, linkQuery).filter(function (item) {
          return !dismissed(item.key);
        });
        if (items.length === 0) {
          set(A + "-notices", "0");
          set(A, "ready");
          return;
        }
        var page = summary.page && typeof summary.page === "object" ? String(summary.page.name || "") : "";
        whenBody(function () {
          show(items, page, origin, position, theme, loaded[1], linkQuery);
        });
      })
      .catch(function () {
        set(A, "error");
      });
  } catch (e) {
    set(A, "error");
  }
})();
