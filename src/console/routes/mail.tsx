import { Hono } from "hono";
import { listMail } from "../../db/queries/mail";
import type { AppEnv } from "../../env";
import { chromeOf } from "../context";
import { sendConsole } from "../respond";
import { MailPage } from "../views/mail";

const SHOWN = 50;

export function mailRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/mail", async (c) => {
    const mails = await listMail(c.get("db"), c.get("page").id, SHOWN);
    return sendConsole(c, MailPage({ chrome: chromeOf(c), transport: c.env.MAIL_TRANSPORT ?? "log", mails }));
  });
  return app;
}
