import type { FC } from "hono/jsx";
import type { DeliveryCounts } from "../../db/queries/deliveries";
import type { ComponentRow, SubscriberRow } from "../../db/schema";
import type { FormState } from "../form-state";
import { consolePath, subscriberPath } from "../paths";
import { ErrorSummary } from "./fields";
import { type ConsoleChrome, ConsoleLayout } from "./layout";
import { componentNames, countsText, isFailing, kindLabel, StateCell, SubscriberActions } from "./subscriber-parts";

const NO_DELIVERIES: DeliveryCounts = { sent: 0, pending: 0, dead: 0 };

interface TableProps {
  pageId: string;
  timeZone: string;
  rows: readonly SubscriberRow[];
  counts: ReadonlyMap<string, DeliveryCounts>;
  components: readonly ComponentRow[];
}

const SubscriberTable: FC<TableProps> = ({ pageId, timeZone, rows, counts, components }) => (
  <div class="table-wrap">
    <table class="audit subscribers">
      <thead>
        <tr>
          <th scope="col">Subscriber</th>
          <th scope="col">Components</th>
          <th scope="col">State</th>
          <th scope="col">Deliveries</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr data-subscriber={s.id}>
            <td>
              <a href={subscriberPath(pageId, s.id)} class="target">
                {s.target}
              </a>
              <div class="meta">{kindLabel(s)}</div>
            </td>
            <td>{componentNames(s.components, components)}</td>
            <td>
              <StateCell subscriber={s} timeZone={timeZone} />
            </td>
            <td>{countsText(counts.get(s.id) ?? NO_DELIVERIES)}</td>
            <td>
              <SubscriberActions pageId={pageId} subscriber={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const SubscribersPage: FC<{
  chrome: ConsoleChrome;
  form: FormState;
  subscribers: readonly SubscriberRow[];
  counts: ReadonlyMap<string, DeliveryCounts>;
  components: readonly ComponentRow[];
}> = ({ chrome, form, subscribers, counts, components }) => {
  const page = chrome.page!;
  const failing = subscribers.filter(isFailing);
  const others = subscribers.filter((s) => !isFailing(s));
  const table = (rows: readonly SubscriberRow[]) => (
    <SubscriberTable pageId={page.id} timeZone={page.timeZone} rows={rows} counts={counts} components={components} />
  );
  return (
    <ConsoleLayout title="Subscribers" chrome={chrome} section="Subscribers">
      <h1>Subscribers</h1>
      <ErrorSummary form={form} fields={[]} />
      <p class="actions">
        <a class="button primary" href={consolePath(page.id, "/subscribers/new/webhook")}>
          Add webhook
        </a>
        <a class="button" href={consolePath(page.id, "/subscribers/new/email")}>
          Add email subscriber
        </a>
      </p>
      <h2>Failing</h2>
      {failing.length === 0 ? <p class="quiet">No subscriber is failing or paused.</p> : table(failing)}
      <h2>{failing.length === 0 ? "All subscribers" : "Not failing"}</h2>
      {others.length === 0 ? <p class="quiet">{subscribers.length === 0 ? "No subscribers yet." : "None."}</p> : table(others)}
    </ConsoleLayout>
  );
};
