// The demo page Blip in Portuguese, as a Brazilian customer's browser asks for it, in real Chromium
// at 375 px and 1280 px: the home page, the seed incident, the scripts' words, and the switch back.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WIDTHS, expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, openPage, screenshot, type OpenedPage } from "./helpers";

const INCIDENT = "Desk and Portal inaccessible";

let browser: Browser;
let incidentPath: string;

beforeAll(async () => {
  const res = await fetch(`${inject("baseUrl")}/api/v2/incidents.json`);
  const { incidents } = (await res.json()) as { incidents: { id: string; name: string }[] };
  incidentPath = `/incidents/${incidents.find((i) => i.name === INCIDENT)!.id}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mainText = async (page: Page) => ((await page.locator("main").innerText()) ?? "").replace(/\s+/g, " ").trim();

describe.each(WIDTHS)("Blip in Portuguese at %i px", (width) => {
  // Chromium's locale sets Accept-Language: pt-BR, as a browser in Brazil sends it.
  const portuguese = { locale: "pt-BR", timezoneId: "America/Sao_Paulo" };

  describe("the home page", () => {
    let opened: OpenedPage;
    let page: Page;

    beforeAll(async () => {
      opened = await openPage(browser, `${inject("baseUrl")}/`, width, portuguese);
      page = opened.page;
      await screenshot(page, "home-pt-BR", width);
    });
    afterAll(async () => {
      await opened?.context.close();
    });

    it("is in Portuguese, says so to assistive technology, and names every status in Portuguese", async () => {
      expect(opened.status).toBe(200);
      expect(await page.locator("html").getAttribute("lang")).toBe("pt-BR");
      expect(await page.getByRole("heading", { name: "Componentes", exact: true }).isVisible()).toBe(true);
      expect(await page.locator(".st", { hasText: "Operacional" }).count()).toBe(8);
      const text = await mainText(page);
      expect(text).not.toContain("Operational");
      expect(text).toContain("Incidentes anteriores");
    });

    it("has a language switch that names English in English", async () => {
      const switcher = page.getByRole("navigation", { name: "Idiomas" });
      expect(await switcher.getByRole("link", { name: "English" }).getAttribute("hreflang")).toBe("en");
      expect(await switcher.locator('[aria-current="true"]').innerText()).toBe("Português (Brasil)");
    });

    it("lets the bars' script speak Portuguese: a day's tooltip", async () => {
      await page.locator(".bars[data-from]").first().focus();
      const tip = page.locator("#bar-tip");
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toMatch(/^\d{1,2} de [a-zç]{3}\. de \d{4} · 100,00 % de disponibilidade/);
    });

    it("has no accessibility violations, no horizontal scroll and no errors", async () => {
      await expectNoAxeViolations(page, `/ in pt-BR at ${width} px`);
      await expectNoHorizontalScroll(page, `/ in pt-BR at ${width} px`);
      expect(opened.errors).toEqual([]);
    });
  });

  describe("the seed incident", () => {
    let opened: OpenedPage;
    let page: Page;

    beforeAll(async () => {
      opened = await openPage(browser, `${inject("baseUrl")}${incidentPath}`, width, portuguese);
      page = opened.page;
      await screenshot(page, "incident-pt-BR", width);
    });
    afterAll(async () => {
      await opened?.context.close();
    });

    it("tells its updates, dates and duration in Portuguese", async () => {
      expect(opened.status).toBe(200);
      expect(await page.locator("html").getAttribute("lang")).toBe("pt-BR");
      const text = await mainText(page);
      expect(await page.getByRole("heading", { name: "Resolvido", exact: true }).count()).toBe(1);
      expect(text).toContain("14 de nov. de 2024");
      expect(text).toContain("Blip teve um incidente grave em 14 de novembro de 2024 afetando Desk e Portal");
      expect(text).toContain("5 h 23 min");
    });

    it("lets the local-time script speak Portuguese", async () => {
      const button = page.locator("button.local-time");
      expect(await button.innerText()).toBe("Mostrar horários em America/Sao_Paulo");
      await button.click();
      expect(await page.locator("[data-zone-note]").innerText()).toBe("seu fuso horário (America/Sao_Paulo)");
      expect(await page.locator("main time").first().innerText()).toMatch(/^\d{1,2} de [a-zç]{3}\. de \d{4}, \d{2}:\d{2} /);
      await button.click();
    });

    it("has no accessibility violations, no horizontal scroll and no errors", async () => {
      await expectNoAxeViolations(page, `incident in pt-BR at ${width} px`);
      await expectNoHorizontalScroll(page, `incident in pt-BR at ${width} px`);
      expect(opened.errors).toEqual([]);
    });

    it("switches to English with one click, and the reader stays in English from link to link", async () => {
      await page.getByRole("navigation", { name: "Idiomas" }).getByRole("link", { name: "English" }).click();
      await page.waitForURL(/lang=en/);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await mainText(page)).toContain("lasting 5h 23m");
      await page.getByRole("banner").getByRole("link", { name: "History" }).click();
      await page.waitForURL(/\/history\?lang=en/);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Incident history/);
    });
  });
});
