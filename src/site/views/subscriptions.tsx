import type { FC } from "hono/jsx";
import type { ComponentRow } from "../../db/schema";
import { localHref } from "../../i18n/words";
import { useVoice } from "./voice";

/** The address field, tied to the error message below it when there is one. */
const EmailField: FC<{ email?: string; error?: string }> = ({ email, error }) => (
  <>
    <label for="sub-email">{useVoice().t.subscribe.form.email}</label>
    <input
      id="sub-email"
      type="email"
      name="email"
      required
      maxlength={254}
      autocomplete="email"
      value={email}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={error ? "sub-error" : undefined}
    />
  </>
);

/** A sentence with the subscriber's address in bold: the catalog gives the text around it. */
const AroundAddress: FC<{ around: readonly [string, string]; email: string }> = ({ around: [before, after], email }) => (
  <p>
    {before}
    <strong>{email}</strong>
    {after}
  </p>
);

// A form posts to its address in the language it was shown in (`?lang=` when the page speaks
// several), so a refusal or the next page answers in that language.
export const SubscribeForm: FC<{ email?: string; error?: string }> = ({ email, error }) => {
  const voice = useVoice();
  return (
    <form method="post" action={localHref("/subscribe", voice)} class="sub-form">
      <EmailField email={email} error={error} />
      <button type="submit" class="btn">
        {voice.t.subscribe.form.submit}
      </button>
      {error ? (
        <p id="sub-error" class="note bad" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
};

/** The page's components as checkboxes, groups with their components under them; none ticked means everything. */
export const ComponentChoice: FC<{ components: ComponentRow[]; chosen: ReadonlySet<string> }> = ({ components, chosen }) => {
  const say = useVoice().t.subscribe.form;
  const top = components.filter((c) => !c.groupId);
  const childrenOf = (id: string) => components.filter((c) => c.groupId === id);
  const box = (c: ComponentRow) => (
    <label>
      <input type="checkbox" name="components" value={c.id} checked={chosen.has(c.id)} /> {c.name}
    </label>
  );
  return (
    <fieldset class="choose">
      <legend>{say.components}</legend>
      <p class="meta">{say.componentsHint}</p>
      <ul>
        {top.map((c) => (
          <li>
            {box(c)}
            {c.isGroup ? (
              <ul>
                {childrenOf(c.id).map((child) => (
                  <li>{box(child)}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
};

export const SubscribePage: FC<{
  pageName: string;
  components: ComponentRow[];
  email?: string;
  chosen: ReadonlySet<string>;
  error?: string;
  sent?: boolean;
}> = (props) => {
  const voice = useVoice();
  const say = voice.t.subscribe.form;
  return (
    <>
      <h1>{say.heading(props.pageName)}</h1>
      {props.sent ? (
        <p class="note" role="status">
          {say.sent}
        </p>
      ) : null}
      <form method="post" action={localHref("/subscribe", voice)}>
        <div class="sub-form">
          <EmailField email={props.email} error={props.error} />
        </div>
        {props.error ? (
          <p id="sub-error" class="note bad" role="alert">
            {props.error}
          </p>
        ) : null}
        <ComponentChoice components={props.components} chosen={props.chosen} />
        <p class="actions">
          <button type="submit" class="btn">
            {say.submit}
          </button>
        </p>
      </form>
    </>
  );
};

/** One button that posts a subscription's token to `action`, in the page's language. */
const TokenButton: FC<{ action: string; token: string; label: string; plain?: boolean }> = ({ action, token, label, plain }) => (
  <form method="post" action={localHref(action, useVoice())} class="actions">
    <input type="hidden" name="token" value={token} />
    <button type="submit" class={plain ? "btn plain" : "btn"}>
      {label}
    </button>
  </form>
);

/** A question about one subscription, answered by one button that posts its token. */
const TokenQuestion: FC<{
  say: { heading: string; question: (page: string) => readonly [string, string]; button: string };
  pageName: string;
  email: string;
  token: string;
  action: string;
}> = ({ say, pageName, email, token, action }) => (
  <>
    <h1>{say.heading}</h1>
    <AroundAddress around={say.question(pageName)} email={email} />
    <TokenButton action={action} token={token} label={say.button} />
  </>
);

export const ConfirmPage: FC<{ pageName: string; email: string; token: string }> = (props) => (
  <TokenQuestion say={useVoice().t.subscribe.confirm} action="/subscriptions/confirm" {...props} />
);

export const ManagePage: FC<{ pageName: string; email: string; token: string; components: ComponentRow[]; chosen: ReadonlySet<string>; said?: string }> = (
  props,
) => {
  const voice = useVoice();
  const say = voice.t.subscribe.manage;
  return (
    <>
      <h1>{say.heading(props.pageName)}</h1>
      {props.said ? (
        <p class="note" role="status">
          {props.said}
        </p>
      ) : null}
      <AroundAddress around={say.sendsTo} email={props.email} />
      <form method="post" action={localHref("/subscriptions/manage", voice)}>
        <input type="hidden" name="token" value={props.token} />
        <ComponentChoice components={props.components} chosen={props.chosen} />
        <p class="actions">
          <button type="submit" class="btn">
            {say.save}
          </button>
        </p>
      </form>
      <TokenButton action="/unsubscribe" token={props.token} label={say.unsubscribe} plain />
    </>
  );
};

export const UnsubscribePage: FC<{ pageName: string; email: string; token: string }> = (props) => (
  <TokenQuestion say={useVoice().t.subscribe.unsubscribe} action="/unsubscribe" {...props} />
);

export const Said: FC<{ title: string; message: string }> = ({ title, message }) => {
  const voice = useVoice();
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={localHref("/", voice)}>{voice.t.subscribe.seeCurrent}</a>
      </p>
    </>
  );
};
