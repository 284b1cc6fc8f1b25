import type { FC } from "hono/jsx";
import type { EventRecord } from "../../db/queries/snapshot";
import type { PageRow } from "../../db/schema";
import { duration, humanDuration } from "../../domain/duration";
import { effectiveImpact } from "../../domain/impact";
import { EVENT_STATUS_LABELS } from "../../present/labels";
import { timeView } from "../../present/view-model";
import { ImpactTag, Time } from "../../site/views/parts";
import type { FormState } from "../form-state";
import { incidentPath, maintenancePath } from "../paths";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const statusLabel = (record: EventRecord) =>
  record.row.cancelledAt !== null ? "Cancelled" : EVENT_STATUS_LABELS[record.row.status as keyof typeof EVENT_STATUS_LABELS];

const impactOf = (record: EventRecord) =>
  record.row.kind === "incident" ? effectiveImpact(record.row.impactOverride, record.row.impactReached) : "maintenance";

export const EventHeading: FC<{ record: EventRecord; page: PageRow; now: number }> = ({ record, page, now }) => {
  const { row } = record;
  const lasted = duration(row.startedAt, row.resolvedAt, now);
  return (
    <>
      <h1>{row.name}</h1>
      <p class="meta">
        <ImpactTag impact={impactOf(record)} /> {statusLabel(record)} · started <Time t={timeView(row.startedAt, page.timeZone)} />
        {row.resolvedAt !== null ? ` · lasted ${humanDuration(lasted.ms)}` : row.status === "scheduled" ? "" : ` · ongoing for ${humanDuration(lasted.ms)}`}
      </p>
    </>
  );
};

/** One line per event in a list: linked name, status, start. */
export const EventRows: FC<{ records: readonly EventRecord[]; page: PageRow; empty: string }> = ({ records, page, empty }) =>
  records.length === 0 ? (
    <p class="quiet">{empty}</p>
  ) : (
    <ul class="events">
      {records.map((r) => (
        <li class={`ev im-${impactOf(r)}`}>
          <a href={r.row.kind === "incident" ? incidentPath(page.id, r.row.id) : maintenancePath(page.id, r.row.id)}>{r.row.name}</a>{" "}
          <ImpactTag impact={impactOf(r)} />
          <div class="meta">
            {statusLabel(r)} · <Time t={timeView(r.row.scheduledFor ?? r.row.startedAt, page.timeZone)} />
          </div>
        </li>
      ))}
    </ul>
  );

interface Current {
  version?: number;
  status?: string;
  last_update_seq?: number;
}

/** A 409: someone else wrote first. What it is now; the form below keeps what was typed. */
export const Conflict: FC<{ form: FormState }> = ({ form }) => {
  if (form.current === undefined) return null;
  const current = (form.current ?? {}) as Current;
  return (
    <div class="error-summary" role="alert">
      <h2>Changed since you opened it</h2>
      <p>
        Someone else changed this while you were writing: it is now at version {current.version ?? "?"}
        {current.status ? `, status ${EVENT_STATUS_LABELS[current.status as keyof typeof EVENT_STATUS_LABELS] ?? current.status}` : ""}
        {current.last_update_seq !== undefined ? `, ${current.last_update_seq} update${current.last_update_seq === 1 ? "" : "s"}` : ""}. Nothing of yours was
        written. The page below shows it as it is now, with your text kept: check it and send again.
      </p>
    </div>
  );
};

/** "Delete X?": a page of its own, so deleting needs no script and never happens by one click. */
export const ConfirmPage: FC<{ chrome: ConsoleChrome; section: string; title: string; question: string; detail: string; button: string; back: string }> = (
  props,
) => (
  <ConsoleLayout title={props.title} chrome={props.chrome} section={props.section}>
    <h1>{props.title}</h1>
    <p>{props.question}</p>
    <p class="meta">{props.detail}</p>
    <form method="post" class="buttons">
      <button type="submit" class="danger">
        {props.button}
      </button>
      <a href={props.back}>Cancel</a>
    </form>
  </ConsoleLayout>
);
