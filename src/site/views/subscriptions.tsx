import type { FC } from "hono/jsx";
import type { ComponentRow } from "../../db/schema";

/** The address field, tied to the error message below it when there is one. */
const EmailField: FC<{ email?: string; error?: string }> = ({ email, error }) => (
  <>
    <label for="sub-email">Email address</label>
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

export const SubscribeForm: FC<{ email?: string; error?: string }> = ({ email, error }) => (
  <form method="post" action="/subscribe" class="sub-form">
    <EmailField email={email} error={error} />
    <button type="submit" class="btn">
      Subscribe
    </button>
    {error ? (
      <p id="sub-error" class="note bad" role="alert">
        {error}
      </p>
    ) : null}
  </form>
);

/** The page's components as checkboxes, groups with their components under them; none ticked means everything. */
export const ComponentChoice: FC<{ components: ComponentRow[]; chosen: ReadonlySet<string> }> = ({ components, chosen }) => {
  const top = components.filter((c) => !c.groupId);
  const childrenOf = (id: string) => components.filter((c) => c.groupId === id);
  const box = (c: ComponentRow) => (
    <label>
      <input type="checkbox" name="components" value={c.id} checked={chosen.has(c.id)} /> {c.name}
    </label>
  );
  return (
    <fieldset class="choose">
      <legend>Components</legend>
      <p class="meta">Tick the ones you care about; leave all unticked to hear about everything. A group includes its components.</p>
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
}> = (props) => (
  <>
    <h1>Get {props.pageName} status updates by email</h1>
    {props.sent ? (
      <p class="note" role="status">
        Check your inbox: if the address can be subscribed, a mail with a confirmation link is on its way. Nothing else is sent before you confirm.
      </p>
    ) : null}
    <form method="post" action="/subscribe">
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
          Subscribe
        </button>
      </p>
    </form>
  </>
);

export const ConfirmPage: FC<{ pageName: string; email: string; token: string }> = ({ pageName, email, token }) => (
  <>
    <h1>Confirm your subscription</h1>
    <p>
      Send {pageName}'s status updates to <strong>{email}</strong>?
    </p>
    <form method="post" action="/subscriptions/confirm" class="actions">
      <input type="hidden" name="token" value={token} />
      <button type="submit" class="btn">
        Confirm subscription
      </button>
    </form>
  </>
);

export const ManagePage: FC<{ pageName: string; email: string; token: string; components: ComponentRow[]; chosen: ReadonlySet<string>; said?: string }> = (
  props,
) => (
  <>
    <h1>Your {props.pageName} status subscription</h1>
    {props.said ? (
      <p class="note" role="status">
        {props.said}
      </p>
    ) : null}
    <p>
      Updates go to <strong>{props.email}</strong>.
    </p>
    <form method="post" action="/subscriptions/manage">
      <input type="hidden" name="token" value={props.token} />
      <ComponentChoice components={props.components} chosen={props.chosen} />
      <p class="actions">
        <button type="submit" class="btn">
          Save
        </button>
      </p>
    </form>
    <form method="post" action="/unsubscribe" class="actions">
      <input type="hidden" name="token" value={props.token} />
      <button type="submit" class="btn plain">
        Unsubscribe
      </button>
    </form>
  </>
);

export const UnsubscribePage: FC<{ pageName: string; email: string; token: string }> = ({ pageName, email, token }) => (
  <>
    <h1>Unsubscribe</h1>
    <p>
      Stop sending {pageName}'s status updates to <strong>{email}</strong>?
    </p>
    <form method="post" action="/unsubscribe" class="actions">
      <input type="hidden" name="token" value={token} />
      <button type="submit" class="btn">
        Unsubscribe
      </button>
    </form>
  </>
);

export const Said: FC<{ title: string; message: string }> = ({ title, message }) => (
  <>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href="/">See the current status</a>
    </p>
  </>
);
