import { type Context, Hono } from "hono";
import { toService } from "../../admin/pages";
import { PageInput, PagePatch } from "../../admin/schemas";
import { listPages } from "../../db/queries/pages";
import type { PageRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { isLocale, LOCALES, pageLanguages } from "../../i18n/locales";
import { createPage, type PageInput as ServicePageInput, patchPage } from "../../writes/pages";
import { chromeOf, consoleWriter, submissionClaim } from "../context";
import { emptyForm, type FormState, type FormValues } from "../form-state";
import { checked, given, handleForm, parseWith } from "../forms";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { offerField, PageForm } from "../views/settings";

type C = Context<AppEnv>;
function pageFields(values: FormValues) {
  return { name: values.name ?? "", url: values.url ?? "", host: given(values.host) ?? null, time_zone: values.time_zone ?? "" };
}

/** The page's language and the ones it offers, as the API takes them: its own always, so no box ticked offers just it. */
function languageFields(values: FormValues) {
  const locale = given(values.locale);
  if (locale === undefined) return {};
  // An unknown language is refused on its own field (and nothing is written): no list to build.
  if (!isLocale(locale)) return { locale };
  return { locale, locales: [locale, ...LOCALES.filter((l) => l !== locale && checked(values, offerField(l)))] };
}

/** The form as the page's settings fill it. */
function settingsForm(page: PageRow): FormState {
  const minutes = page.settings.auto_resolve_after_minutes;
  const { locale, locales } = pageLanguages(page.settings);
  return emptyForm({
    name: page.name,
    url: page.url,
    host: page.host ?? "",
    time_zone: page.timeZone,
    auto_resolve_after_minutes: String(minutes ?? 60),
    locale,
    ...Object.fromEntries(locales.map((l) => [offerField(l), "on"])),
  });
}

export function settingsRoutes() {
  const app = new Hono<AppEnv>();
  const render = (c: C, form: FormState, status = 200) => {
    // The API names the setting inside "settings"; the form has it as a field of its own.
    const { settings, ...errors } = form.errors;
    const shown = settings ? { ...form, errors: { ...errors, auto_resolve_after_minutes: settings } } : form;
    return sendConsole(c, PageForm({ chrome: chromeOf(c), form: shown, creating: false }), status as 200);
  };

  app.get("/settings", (c) => render(c, settingsForm(c.get("page"))));
  app.post("/settings", (c) =>
    handleForm(c, render.bind(null, c), async (values) => {
      const raw = values.auto_resolve_after_minutes?.trim();
      const minutes = raw ? (/^-?\d+$/.test(raw) ? Number(raw) : raw) : undefined;
      const input = parseWith(PagePatch, {
        ...pageFields(values),
        ...languageFields(values),
        ...(minutes !== undefined ? { settings: { auto_resolve_after_minutes: minutes } } : {}),
      });
      await patchPage(consoleWriter(c), toService(input));
      return consolePath(c.get("page").id, "/settings");
    }),
  );
  return app;
}

/** /admin/pages/new: a deployment's first page, or one more for the switcher. */
export function newPageRoutes() {
  const app = new Hono<AppEnv>();
  const render = async (c: C, form: FormState, status = 200) => {
    const chrome = { ...chromeOf(c), page: null, pages: c.get("pages") ?? (await listPages(c.get("db"))) };
    return sendConsole(c, PageForm({ chrome, form, creating: true }), status as 200);
  };
  app.get("/pages/new", (c) => render(c, emptyForm({ time_zone: "Etc/UTC", url: new URL(c.req.url).origin, locale: "en" })));
  app.post("/pages/new", (c) =>
    handleForm(
      c,
      (form, status) => render(c, form, status),
      async (values) => {
        const input = parseWith(PageInput, { ...pageFields(values), ...languageFields(values) });
        const writer = { db: c.get("db"), kv: c.env.CACHE, now: c.get("now"), actor: c.get("actor") ?? "console", ...submissionClaim(values) };
        const committed = await createPage(writer, toService(input) as ServicePageInput);
        return consolePath(committed.page.id);
      },
    ),
  );
  return app;
}
