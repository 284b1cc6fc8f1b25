import type { FC } from "hono/jsx";
import type { ComponentStatus } from "../../domain/statuses";
import { COMPONENT_ICONS } from "../../present/labels";
import type { EventView, TimeView } from "../../present/view-model";
import { useVoice, useWrittenLang } from "./voice";

/** A time in the page's zone, with the exact UTC instant for machines and on hover. */
export const Time: FC<{ t: TimeView }> = ({ t }) => (
  <time datetime={t.iso} title={t.utc}>
    {t.text}
  </time>
);

/** Icon shape and words, not colour alone. */
export const StatusLabel: FC<{ status: ComponentStatus }> = ({ status }) => (
  <span class={`st st-${status}`}>
    <span aria-hidden="true">{COMPONENT_ICONS[status]}</span> {useVoice().t.core.componentStatus[status]}
  </span>
);

export const ImpactTag: FC<{ impact: EventView["impact"] }> = ({ impact }) => <span class={`tag im-${impact}`}>{useVoice().t.core.impact[impact]}</span>;

/** Markdown an operator wrote, rendered. */
export const Html: FC<{ html: string; class?: string }> = ({ html, class: cls }) => (
  <div class={cls ?? "md"} lang={useWrittenLang()} dangerouslySetInnerHTML={{ __html: html }} />
);

/** One line per event: name (linked), impact, status, when and how long. */
export const EventLine: FC<{ event: EventView }> = ({ event }) => (
  <li class={`ev im-${event.impact}`}>
    <a href={event.href} lang={useWrittenLang()}>
      {event.name}
    </a>{" "}
    <ImpactTag impact={event.impact} />
    <div class="meta">
      {event.statusLabel} · <Time t={event.window?.from ?? event.started} />
      {event.durationText ? ` · ${event.durationText}` : ""}
    </div>
  </li>
);

/** A day's or a month's events, or the line that says there were none. */
export const EventList: FC<{ events: EventView[] }> = ({ events }) =>
  events.length > 0 ? (
    <ul class="events">
      {events.map((e) => (
        <EventLine event={e} />
      ))}
    </ul>
  ) : (
    <p class="quiet">{useVoice().t.page.event.noIncidents}</p>
  );
