import { describe, expect, it } from "vitest";
import { joinNames } from "../../src/i18n/format";
import { type IncidentSummaryInput, incidentSummary } from "../../src/present/incident-summary";
import { at } from "../domain/factories";

function makeSummaryInput(overrides: Partial<IncidentSummaryInput> = {}): IncidentSummaryInput {
  return {
    pageName: "Blip",
    impact: "major",
    startedAt: at("2024-11-14T09:45:00Z"),
    resolvedAt: at("2024-11-14T15:08:00Z"),
    componentNames: ["Desk", "Portal"],
    timeZone: "America/Sao_Paulo",
    now: at("2024-11-20T00:00:00Z"),
    ...overrides,
  };
}

describe("incidentSummary", () => {
  it("reproduces the seed incident's sentence exactly", () => {
    expect(incidentSummary(makeSummaryInput())).toBe("Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m");
  });

  it("describes an open incident as ongoing, measured up to now", () => {
    const sentence = incidentSummary(makeSummaryInput({ resolvedAt: null, componentNames: ["Desk"], now: at("2024-11-14T11:55:00Z") }));
    expect(sentence).toBe("Blip is experiencing a major incident affecting Desk, ongoing for 2h 10m");
  });

  it("dates the incident in the page's time zone", () => {
    const lateUtc = { startedAt: at("2024-11-15T01:00:00Z"), resolvedAt: at("2024-11-15T02:00:00Z") };
    expect(incidentSummary(makeSummaryInput({ ...lateUtc, timeZone: "America/Sao_Paulo" }))).toContain("on November 14, 2024");
    expect(incidentSummary(makeSummaryInput({ ...lateUtc, timeZone: "Etc/UTC" }))).toContain("on November 15, 2024");
  });

  it("says 'an incident' when the impact is none", () => {
    expect(incidentSummary(makeSummaryInput({ impact: "none" }))).toBe(
      "Blip experienced an incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m",
    );
  });

  it("names the impact level for minor and critical incidents", () => {
    expect(incidentSummary(makeSummaryInput({ impact: "minor" }))).toContain("experienced a minor incident on");
    expect(incidentSummary(makeSummaryInput({ impact: "critical", resolvedAt: null }))).toContain("is experiencing a critical incident");
  });

  it("leaves out 'affecting' when no component is named", () => {
    expect(incidentSummary(makeSummaryInput({ componentNames: [] }))).toBe("Blip experienced a major incident on November 14, 2024, lasting 5h 23m");
  });

  it("lists three components with commas and a final 'and'", () => {
    expect(incidentSummary(makeSummaryInput({ componentNames: ["Desk", "Portal", "API"] }))).toContain("affecting Desk, Portal and API,");
  });

  it("never reports a negative length when the resolution is stamped before the start", () => {
    const sentence = incidentSummary(makeSummaryInput({ resolvedAt: at("2024-11-14T09:00:00Z") }));
    expect(sentence).toMatch(/, lasting less than a minute$/);
  });
});

describe("joinNames", () => {
  it.each([
    [[], ""],
    [["Desk"], "Desk"],
    [["Desk", "Portal"], "Desk and Portal"],
    [["Desk", "Portal", "API"], "Desk, Portal and API"],
  ])("joins %j as %j", (names, text) => {
    expect(joinNames(names)).toBe(text);
  });
});
