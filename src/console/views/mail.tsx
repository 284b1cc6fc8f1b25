import type { FC } from "hono/jsx";
import type { MailLogRow } from "../../db/schema";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import { type ConsoleChrome, ConsoleLayout } from "./layout";

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");

const TransportNote: FC<{ transport: string }> = ({ transport }) =>
  transport === "log" ? (
    <p>
      Mail transport: <code>log</code>. Nothing is sent: every mail the worker would have sent is kept here.
    </p>
  ) : (
    <p>
      Mail transport: <code>{transport}</code>. Mail is sent through it; this log only holds mails sent in local mode.
    </p>
  );

/** The HTML body is shown as its source, never rendered: it is mail content, not console markup. */
const MailItem: FC<{ mail: MailLogRow; timeZone: string }> = ({ mail, timeZone }) => (
  <li class="mail" data-mail={mail.id}>
    <h2>{mail.subject}</h2>
    <p class="meta">
      To {mail.to} · <Time t={timeView(mail.createdAt, timeZone)} />
    </p>
    <details>
      <summary>Headers</summary>
      <pre>{headerLines(mail.headers)}</pre>
    </details>
    <pre>{mail.text}</pre>
    <details>
      <summary>HTML version (source)</summary>
      <pre>{mail.html}</pre>
    </details>
  </li>
);

export const MailPage: FC<{ chrome: ConsoleChrome; transport: string; mails: readonly MailLogRow[] }> = ({ chrome, transport, mails }) => (
  <ConsoleLayout title="Mail" chrome={chrome} section="Mail">
    <h1>Mail</h1>
    <TransportNote transport={transport} />
    {mails.length === 0 ? (
      <p class="quiet">No mail yet.</p>
    ) : (
      <ul class="mails">
        {mails.map((m) => (
          <MailItem mail={m} timeZone={chrome.page!.timeZone} />
        ))}
      </ul>
    )}
  </ConsoleLayout>
);
