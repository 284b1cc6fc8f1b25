import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { escapeHtml } from "../../lib/escape";
import type { Bar } from "../../present/uptime-bars";
import type { ComponentItem, HomeModel, Uptime as UptimeModel } from "../../present/home-model";
import { UPTIME_DAYS } from "../../present/home-model";
import type { EventView } from "../../present/view-model";
import { EventList, Html, ImpactTag, StatusLabel, Time } from "./parts";
import { SubscribeForm } from "./subscriptions";
import { localHref } from "../../i18n/words";
import { useVoice, useWrittenLang } from "./voice";

// One letter each: 5,400 bars on a large page, and the colour is all a bar's own markup says.
const LEVEL_CLASS: Record<Exclude<Bar["level"], "ok">, string> = {
  none: "n",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "m",
  under_maintenance: "u",
};

/**
 * The bars as `<p>` elements without their optional end tags (valid HTML: a `<p>` ends where the
 * next one or its parent's end begins): 3 bytes a day without downtime instead of 7, which is most
 * of what brings a 60-component page under 150 KB.
 */
function barsHtml(bars: readonly Bar[]): string {
  return bars.map((b) => (b.level === "ok" ? "<p>" : `<p class="${LEVEL_CLASS[b.level]}"${b.note ? ` title="${escapeHtml(b.note)}"` : ""}>`)).join("");
}

const Uptime: FC<{ uptime: UptimeModel }> = ({ uptime }) => {
  const say = useVoice().t.page.home;
  return (
    <div class="uptime">
      {/* One image for assistive technology; public/uptime-bars.js tells each day's details on hover and
        focus, naming the events from data-ev ("event:firstBar-lastBar") and the page's #bar-events. */}
      <div
        class="bars"
        role="img"
        aria-label={uptime.label}
        data-from={uptime.from}
        data-ev={uptime.events.map((e) => `${e.index}:${e.from}-${e.to}`).join(" ") || undefined}
      >
        {raw(barsHtml(uptime.bars))}
      </div>
      <div class="axis">
        <span>{say.daysAgo(UPTIME_DAYS)}</span>
        <span>{uptime.figure}</span>
        <span>{say.today}</span>
      </div>
    </div>
  );
};

const hasBars = (items: readonly ComponentItem[]): boolean => items.some((c) => c.uptime !== null || (c.children !== null && hasBars(c.children)));

const Component: FC<{ c: ComponentItem }> = ({ c }) => {
  const row = (
    <span class="row">
      <span class="name" title={c.description ?? undefined} lang={useWrittenLang()}>
        {c.name}
      </span>
      <StatusLabel status={c.status} />
    </span>
  );
  if (c.children) {
    return (
      <li class="comp group">
        <details>
          <summary>{row}</summary>
          <ul>
            {c.children.map((child) => (
              <Component c={child} />
            ))}
          </ul>
        </details>
      </li>
    );
  }
  return (
    <li class="comp">
      {row}
      {c.uptime ? <Uptime uptime={c.uptime} /> : null}
    </li>
  );
};

const OpenEvent: FC<{ event: EventView }> = ({ event }) => {
  const latest = event.updates[0];
  const say = useVoice().t.page.home;
  return (
    <article class={`card im-${event.impact}`}>
      <h3>
        <a href={event.href} lang={useWrittenLang()}>
          {event.name}
        </a>{" "}
        <ImpactTag impact={event.impact} />
      </h3>
      {event.window ? (
        <p class="meta">
          {say.scheduledFromTo} <Time t={event.window.from} /> {say.to} <Time t={event.window.until} />
        </p>
      ) : (
        <p class="meta">{event.sentence}</p>
      )}
      {latest ? (
        <div class="update">
          <strong>{latest.label}</strong> <Html html={latest.bodyHtml} />
          <p class="meta">
            {say.posted} <Time t={latest.posted} />
          </p>
        </div>
      ) : null}
      {event.affected ? (
        <p class="meta">
          {say.affects} {event.affected}
        </p>
      ) : null}
    </article>
  );
};

export const HomePage: FC<{ model: HomeModel }> = ({ model }) => {
  const voice = useVoice();
  const say = voice.t.page.home;
  return (
    <>
      <h1>{model.pageName}</h1>
      <section class={`banner ind-${model.status.indicator}`} aria-labelledby="status-h">
        <h2 id="status-h">{model.status.description}</h2>
        <p>{model.reason}</p>
      </section>
      {model.open.length > 0 ? (
        <section aria-labelledby="open-h">
          <h2 id="open-h">{say.activeIncidents}</h2>
          {model.open.map((e) => (
            <OpenEvent event={e} />
          ))}
        </section>
      ) : null}
      {model.maintenances.length > 0 ? (
        <section aria-labelledby="maint-h">
          <h2 id="maint-h">{say.scheduledMaintenance}</h2>
          {model.maintenances.map((e) => (
            <OpenEvent event={e} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="comp-h">
        <h2 id="comp-h">{say.components}</h2>
        <ul class="components">
          {model.components.map((c) => (
            <Component c={c} />
          ))}
        </ul>
        {hasBars(model.components) ? <p class="meta">{say.legend}</p> : null}
        {model.barEvents.length > 0 ? (
          <ol id="bar-events" hidden>
            {model.barEvents.map((name) => (
              <li>{name}</li>
            ))}
          </ol>
        ) : null}
      </section>
      <section aria-labelledby="past-h">
        <h2 id="past-h">{say.pastIncidents}</h2>
        {model.pastDays.map((d) => (
          <div class="day">
            <h3>{d.label}</h3>
            <EventList events={d.events} />
          </div>
        ))}
        <p class="more">
          <a href={localHref("/history", voice)}>{say.historyLink}</a>
          <span>
            {say.subscribe} <a href="/history.atom">{say.atom}</a> · <a href="/history.rss">{say.rss}</a>
          </span>
        </p>
      </section>
      <section aria-labelledby="sub-h" class="subscribe">
        <h2 id="sub-h">{say.emailHeading}</h2>
        <SubscribeForm />
        <p class="meta">
          {say.emailNote} <a href={localHref("/subscribe", voice)}>{say.chooseComponents}</a>
        </p>
      </section>
    </>
  );
};
