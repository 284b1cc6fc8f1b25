import type { Child, FC } from "hono/jsx";
import { newId } from "../../lib/ids";
import type { FormState } from "../form-state";

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
}

/** Label, hint and the API's message, tied to the input for screen readers. */
const Wrap: FC<FieldProps & { children?: Child }> = ({ form, name, label, hint, children }) => {
  const error = form.errors[name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={idOf(name)}>{label}</label>
      {hint ? (
        <p class="hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${idOf(name)}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
};

const described = (form: FormState, name: string, hint?: string) =>
  [hint ? `${idOf(name)}-hint` : "", form.errors[name] ? `${idOf(name)}-error` : ""].filter(Boolean).join(" ") || undefined;

export const TextInput: FC<FieldProps & { type?: string; required?: boolean; autocomplete?: string }> = (props) => {
  const { form, name, hint, type, required, autocomplete } = props;
  return (
    <Wrap {...props}>
      <input
        id={idOf(name)}
        name={name}
        type={type ?? "text"}
        value={form.values[name] ?? ""}
        required={required}
        autocomplete={autocomplete}
        aria-invalid={form.errors[name] ? "true" : undefined}
        aria-describedby={described(form, name, hint)}
      />
    </Wrap>
  );
};

export const TextArea: FC<FieldProps & { rows?: number; required?: boolean }> = (props) => {
  const { form, name, hint, rows, required } = props;
  return (
    <Wrap {...props}>
      <textarea
        id={idOf(name)}
        name={name}
        rows={rows ?? 6}
        required={required}
        aria-invalid={form.errors[name] ? "true" : undefined}
        aria-describedby={described(form, name, hint)}
      >
        {form.values[name] ?? ""}
      </textarea>
    </Wrap>
  );
};

export interface Option {
  value: string;
  label: string;
}

export const Select: FC<FieldProps & { options: Option[] }> = (props) => {
  const { form, name, hint, options } = props;
  const value = form.values[name] ?? "";
  return (
    <Wrap {...props}>
      <select id={idOf(name)} name={name} aria-invalid={form.errors[name] ? "true" : undefined} aria-describedby={described(form, name, hint)}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
};

export const Checkbox: FC<{ form: FormState; name: string; label: string; hint?: string }> = ({ form, name, label, hint }) => (
  <div class="field check">
    <input id={idOf(name)} name={name} type="checkbox" value="on" checked={form.values[name] === "on"} />
    <label for={idOf(name)}>{label}</label>
    {hint ? <p class="hint">{hint}</p> : null}
    {form.errors[name] ? <p class="error">{form.errors[name]}</p> : null}
  </div>
);

export const Hidden: FC<{ name: string; value: string | number }> = ({ name, value }) => <input type="hidden" name={name} value={String(value)} />;

/** The value a field was drawn with, sent along so that a save changes only what the operator changed. */
export const Was: FC<{ form: FormState; name: string }> = ({ form, name }) => (
  <Hidden name={wasField(name)} value={form.values[wasField(name)] ?? form.values[name] ?? ""} />
);

export const wasField = (name: string) => `_was.${name}`;

/**
 * One id per drawn form, kept across redraws: the write claims it as its Idempotency-Key, so a
 * double click (or a resent form) writes once and the second answer shows what the first wrote.
 */
export const Submission: FC<{ form: FormState }> = ({ form }) => <Hidden name="_submission" value={form.values._submission ?? newId()} />;

/**
 * The GOV.UK pattern: what went wrong, at the top, each message linking to its field. A link says
 * which field it is about ("Name: Must not be empty."): read out of context, in a screen reader's
 * list of links, the message alone would not.
 */
export const ErrorSummary: FC<{ form: FormState; fields: readonly string[]; labels?: Readonly<Record<string, string>> }> = ({ form, fields, labels = {} }) => {
  if (!form.summary) return null;
  const linked = Object.entries(form.errors).filter(([name]) => fields.includes(name));
  const unlinked = Object.entries(form.errors).filter(([name]) => !fields.includes(name));
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <h2>There is a problem</h2>
      <p>{form.summary}</p>
      {linked.length + unlinked.length > 0 ? (
        <ul>
          {linked.map(([name, message]) => (
            <li>
              <a href={`#${idOf(name)}`}>{labels[name] ? `${labels[name]}: ${message}` : message}</a>
            </li>
          ))}
          {unlinked.map(([, message]) => (
            <li>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

export const Notice: FC<{ form: FormState }> = ({ form }) =>
  form.notice ? (
    <p class="console-notice" role="status">
      {form.notice}
    </p>
  ) : null;
