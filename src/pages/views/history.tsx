import type { FC } from "hono/jsx";
import type { EventView } from "../view-model";
import { EventList } from "./parts";

export interface HistoryModel {
  pageName: string;
  zoneNote: string;
  year: number;
  months: { label: string; events: EventView[] }[];
  newer: number | null;
  older: number | null;
}

export const HistoryPage: FC<{ model: HistoryModel }> = ({ model }) => (
  <>
    <h1>Incident history · {model.year}</h1>
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
