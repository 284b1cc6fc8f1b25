import type { FC } from "hono/jsx";
import type { EventView } from "../../present/view-model";
import { EventList } from "./parts";

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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const Reliability: FC<{ rows: HistoryModel["reliability"] }> = ({ rows }) => (
  <section aria-labelledby="rel-h" class="reliability">
    <h2 id="rel-h">Reliability</h2>
    <dl>
      {rows.map((r) => (
        <div>
          <dt>Last {r.days} days</dt>
          <dd>
            {plural(r.incidents, "incident")}
            {r.mttr !== null ? ` · mean time to resolve ${r.mttr}` : ""}
            {r.incidents > r.resolved ? ` · ${r.incidents - r.resolved} still open` : ""}
          </dd>
        </div>
      ))}
    </dl>
  </section>
);

export const HistoryPage: FC<{ model: HistoryModel }> = ({ model }) => (
  <>
    <h1>Incident history · {model.year}</h1>
    <Reliability rows={model.reliability} />
    {model.months.map((m) => (
      <section class="month">
        <h2>{m.label}</h2>
        <EventList events={m.events} />
      </section>
    ))}
    <nav class="pager" aria-label="History by year">
      {model.newer !== null ? <a href={`/history?year=${model.newer}`}>← {model.newer}</a> : <span></span>}
      {model.older !== null ? <a href={`/history?year=${model.older}`}>{model.older} →</a> : <span>No earlier incidents</span>}
    </nav>
  </>
);
