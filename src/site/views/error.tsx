import type { FC } from "hono/jsx";

export const ErrorPage: FC<{ title: string; message: string }> = ({ title, message }) => (
  <>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href="/">See the current status</a> or the <a href="/history">incident history</a>.
    </p>
  </>
);
