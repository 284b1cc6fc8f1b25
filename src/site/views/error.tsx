import type { FC } from "hono/jsx";
import { localHref } from "../../i18n/words";
import { useVoice } from "./voice";

export const ErrorPage: FC<{ title: string; message: string }> = ({ title, message }) => {
  const voice = useVoice();
  const say = voice.t.page.errors;
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={localHref("/", voice)}>{say.seeCurrent}</a> {say.orThe} <a href={localHref("/history", voice)}>{say.historyLink}</a>.
      </p>
    </>
  );
};
