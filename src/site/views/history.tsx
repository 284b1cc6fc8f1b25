import type { FC } from "hono/jsx";
import type { EventView } from "../../present/view-model";
import { localHref } from "../../i18n/words";
import { EventList } from "./parts";
import { useVoice } from "./voice";

export interface HistoryModel {
  pageName: string;
  zoneNote: string;
  year: number;
  months: { label: string; events: EventView[] }[];
  newer: number | null;
  older: number | null;
  /** Incident counts and mean time to resolve over the last 30 and 90 days (not the year shown). */
  reliability: { days: number; incidents: number; resolved: number; mttr: string | null }[];
}

const Reliability: FC<{ rows: HistoryModel["reliability"] }> = ({ rows }) => {
  const say = useVoice().t.page.history;
  return (
    <section aria-labelledby="rel-h" class="reliability">
      <h2 id="rel-h">{say.reliability}</h2>
      <dl>
        {rows.map((r) => (
          <div>
            <dt>{say.lastDays(r.days)}</dt>
            <dd>
              {say.incidents(r.incidents)}
              {r.mttr !== null ? say.meanTimeToResolve(r.mttr) : ""}
              {r.incidents > r.resolved ? say.stillOpen(r.incidents - r.resolved) : ""}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
};

export const HistoryPage: FC<{ model: HistoryModel }> = ({ model }) => {
  const voice = useVoice();
  const say = voice.t.page.history;
  const year = (y: number) => localHref(`/history?year=${y}`, voice);
  return (
    <>
      <h1>{say.heading(model.year)}</h1>
      <Reliability rows={model.reliability} />
      {model.months.map((m) => (
        <section class="month">
          <h2>{m.label}</h2>
          <EventList events={m.events} />
        </section>
      ))}
      <nav class="pager" aria-label={say.byYear}>
        {model.newer !== null ? <a href={year(model.newer)}>← {model.newer}</a> : <span></span>}
        {model.older !== null ? <a href={year(model.older)}>{model.older} →</a> : <span>{say.noEarlier}</span>}
      </nav>
    </>
  );
};
