import type { FC } from "hono/jsx";
import type { EventView } from "../../present/view-model";
import { Html, ImpactTag, Time } from "./parts";
import { useVoice, useWrittenLang } from "./voice";

export const EventPage: FC<{ event: EventView }> = ({ event }) => {
  const say = useVoice().t.page.event;
  return (
    <article class={`event im-${event.impact}`}>
      <h1 lang={useWrittenLang()}>{event.name}</h1>
      <p class="meta">
        <ImpactTag impact={event.impact} /> {event.statusLabel}
        {event.durationText ? ` · ${event.durationText}` : ""}
      </p>
      {event.sentence ? <p class="sentence">{event.sentence}</p> : null}
      {event.window ? (
        <p class="sentence">
          {say.scheduledFor} <Time t={event.window.from} /> {say.until} <Time t={event.window.until} />
        </p>
      ) : null}
      {event.affected ? <p>{event.kind === "incident" ? say.affectedIncident(event.affected) : say.affectedMaintenance(event.affected)}</p> : null}
      {event.postmortem ? (
        <section class="postmortem" aria-labelledby="pm-h">
          <h2 id="pm-h">{say.postmortem}</h2>
          <Html html={event.postmortem.html} />
          <p class="meta">
            {say.posted} <Time t={event.postmortem.posted} />
          </p>
        </section>
      ) : null}
      <section aria-labelledby="updates-h">
        <h2 id="updates-h">{say.updates}</h2>
        <ol class="timeline">
          {event.updates.map((u) => (
            <li>
              <h3>{u.label}</h3>
              <Html html={u.bodyHtml} />
              <p class="meta">
                {say.posted} <Time t={u.posted} />
              </p>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
};
