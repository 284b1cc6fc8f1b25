import type { FC } from "hono/jsx";
import type { EventRecord } from "../../db/queries/snapshot";
import type { PageRow } from "../../db/schema";
import { duration, humanDuration } from "../../domain/duration";
import { effectiveImpact } from "../../domain/impact";
import { EVENT_STATUS_LABELS } from "../../present/labels";
import { timeView } from "../../present/view-model";
import { renderMarkdown } from "../../present/markdown";
import { Html, ImpactTag, Time } from "../../site/views/parts";
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

/** Every update of an event, newest first, each with its time (and an "Edit text" link where there is one). */
export const UpdateTimeline: FC<{ record: EventRecord; page: PageRow; editHref?: (updateId: string) => string }> = ({ record, page, editHref }) => (
  <section aria-labelledby="updates-h">
    <h2 id="updates-h">Updates</h2>
    <ol class="timeline">
      {record.updates.map((u) => (
        <li>
          <h3>{EVENT_STATUS_LABELS[u.status as keyof typeof EVENT_STATUS_LABELS]}</h3>
          <Html html={renderMarkdown(u.body, 4)} />
          <p class="meta">
            Posted <Time t={timeView(u.displayAt, page.timeZone)} />
            {editHref ? (
              <>
                {" · "}
                <a href={editHref(u.id)}>Edit text</a>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  </section>
);

interface ListGroup {
  heading: string;
  records: readonly EventRecord[];
  empty: string;
}

/** A section's list page: its main action, then its events in groups (open first). */
export const EventListPage: FC<{ chrome: ConsoleChrome; title: string; action: { href: string; label: string }; groups: ListGroup[] }> = ({
  chrome,
  title,
  action,
  groups,
}) => (
  <ConsoleLayout title={title} chrome={chrome} section={title}>
    <h1>{title}</h1>
    <p>
      <a class="button primary" href={action.href}>
        {action.label}
      </a>
    </p>
    {groups.map((g) => (
      <>
        <h2>{g.heading}</h2>
        <EventRows records={g.records} page={chrome.page!} empty={g.empty} />
      </>
    ))}
  </ConsoleLayout>
);

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
