import type { FC } from "hono/jsx";
import type { DeliveryCounts } from "../../db/queries/deliveries";
import type { ComponentRow, DeliveryRow, SubscriberRow } from "../../db/schema";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import { consolePath } from "../paths";
import { type ConsoleChrome, ConsoleLayout } from "./layout";
import { componentNames, countsText, kindLabel, StateCell, SubscriberActions } from "./subscriber-parts";

const When: FC<{ ms: number | null; timeZone: string }> = ({ ms, timeZone }) => (ms === null ? <>—</> : <Time t={timeView(ms, timeZone)} />);

const DeliveryTable: FC<{ deliveries: readonly DeliveryRow[]; timeZone: string }> = ({ deliveries, timeZone }) => (
  <div class="table-wrap">
    <table class="audit deliveries">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">Created</th>
          <th scope="col">Sent</th>
          <th scope="col">Given up</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr data-delivery={d.id}>
            <td>{d.kind === "confirmation" ? "Confirmation mail" : "Notification"}</td>
            <td>{d.attempts}</td>
            <td>{d.lastError ?? ""}</td>
            <td>
              <When ms={d.createdAt} timeZone={timeZone} />
            </td>
            <td>
              <When ms={d.sentAt} timeZone={timeZone} />
            </td>
            <td>
              <When ms={d.deadAt} timeZone={timeZone} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const SubscriberPage: FC<{
  chrome: ConsoleChrome;
  subscriber: SubscriberRow;
  counts: DeliveryCounts;
  deliveries: readonly DeliveryRow[];
  components: readonly ComponentRow[];
}> = ({ chrome, subscriber: s, counts, deliveries, components }) => {
  const page = chrome.page!;
  return (
    <ConsoleLayout title="Subscriber" chrome={chrome} section="Subscribers">
      <p>
        <a href={consolePath(page.id, "/subscribers")}>Back to subscribers</a>
      </p>
      <h1>{kindLabel(s)}</h1>
      <dl class="facts">
        <dt>{s.type === "email" ? "Address" : "URL"}</dt>
        <dd class="target">{s.target}</dd>
        <dt>Components</dt>
        <dd>{componentNames(s.components, components)}</dd>
        <dt>State</dt>
        <dd>
          <StateCell subscriber={s} timeZone={page.timeZone} />
        </dd>
        <dt>Last success</dt>
        <dd>
          <When ms={s.lastSuccessAt} timeZone={page.timeZone} />
        </dd>
        <dt>Added</dt>
        <dd>
          <When ms={s.createdAt} timeZone={page.timeZone} />
        </dd>
        <dt>Deliveries</dt>
        <dd>{countsText(counts)}</dd>
      </dl>
      <SubscriberActions pageId={page.id} subscriber={s} />
      <h2>Recent deliveries</h2>
      {deliveries.length === 0 ? <p class="quiet">Nothing delivered yet.</p> : <DeliveryTable deliveries={deliveries} timeZone={page.timeZone} />}
    </ConsoleLayout>
  );
};
