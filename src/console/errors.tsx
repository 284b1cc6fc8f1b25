import type { ErrorHandler } from "hono";
import type { AppEnv } from "../env";
import { asApiError } from "../http/api-error";
import { chromeOf } from "./context";
import { sendConsole } from "./respond";
import { ConsoleLayout } from "./views/layout";

/** Console failures as pages: the same codes and messages as the API, drawn for a person. */
export const consoleErrors: ErrorHandler<AppEnv> = (error, c) => {
  const refused = asApiError(error);
  if (!refused) throw error;
  const res = sendConsole(
    c,
    <ConsoleLayout title="Refused" chrome={chromeOf(c)}>
      <h1>{refused.status === 404 ? "Not found" : "That did not work"}</h1>
      <p>{refused.message}</p>
      <p class="meta">
        {refused.status} {refused.code}
      </p>
      <p>
        <a href="/admin">Back to the console</a>
      </p>
    </ConsoleLayout>,
    refused.status,
  );
  for (const [name, value] of Object.entries(refused.headers)) res.headers.set(name, value);
  return res;
};
