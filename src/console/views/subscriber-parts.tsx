import type { FC } from "hono/jsx";
import type { DeliveryCounts } from "../../db/queries/deliveries";
import type { ComponentRow, SubscriberFormat, SubscriberRow, SubscriberState } from "../../db/schema";
import { newId } from "../../lib/ids";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import { subscriberPath } from "../paths";
import { Hidden } from "./fields";

export const FORMAT_LABELS: Record<SubscriberFormat, string> = {
  statuspage: "Statuspage JSON",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
  email: "Email",
};

const STATE_LABELS: Record<SubscriberState, string> = { pending: "Awaiting confirmation", active: "Active", paused: "Paused" };

export const isFailing = (s: SubscriberRow) => s.failingSince !== null || s.state === "paused";

/** "All", or the names of the components chosen (a component deleted since is named as such). */
export function componentNames(ids: readonly string[] | null, components: readonly ComponentRow[]): string {
  if (ids === null) return "All";
  const names = new Map(components.map((c) => [c.id, c.name]));
  return ids.map((id) => names.get(id) ?? "(deleted component)").join(", ");
}

export const kindLabel = (s: SubscriberRow) => (s.type === "email" ? "Email" : `Webhook (${FORMAT_LABELS[s.format]})`);

export const StateCell: FC<{ subscriber: SubscriberRow; timeZone: string }> = ({ subscriber: s, timeZone }) => (
  <>
    {STATE_LABELS[s.state]}
    {s.pausedAt !== null ? (
      <div class="meta">
        paused <Time t={timeView(s.pausedAt, timeZone)} />
      </div>
    ) : null}
    {s.failingSince !== null ? (
      <div class="meta">
        failing since <Time t={timeView(s.failingSince, timeZone)} />
      </div>
    ) : null}
    {s.lastError ? <p class="error">{s.lastError}</p> : null}
  </>
);

export const countsText = (counts: DeliveryCounts) => `${counts.sent} sent · ${counts.pending} pending · ${counts.dead} given up`;

/** One button in its own form; a fresh submission id, so a resent rotation does not replace the secret just shown. */
const ActionButton: FC<{ action: string; label: string; name: string }> = ({ action, label, name }) => (
  <form method="post" action={action}>
    <Hidden name="_submission" value={newId()} />
    <button type="submit" class="small" aria-label={`${label}: ${name}`}>
      {label}
    </button>
  </form>
);

export const SubscriberActions: FC<{ pageId: string; subscriber: SubscriberRow }> = ({ pageId, subscriber: s }) => {
  const path = (suffix: string) => subscriberPath(pageId, s.id, suffix);
  return (
    <span class="buttons">
      {s.state === "paused" ? <ActionButton action={path("/resume")} label="Resume" name={s.target} /> : null}
      {s.type === "webhook" ? <ActionButton action={path("/rotate-secret")} label="Rotate secret" name={s.target} /> : null}
      <a href={path("/delete")} aria-label={`Delete: ${s.target}`}>
        Delete
      </a>
    </span>
  );
};
