import type { ComponentStatus, Impact, IncidentStatus } from "../domain/statuses";

// The demo page, built from the two real incident reports in the project's seeds.
// Times are as published; the 2021 report gave them in GMT-3.

// English, as the seed's original page was; its Brazilian customers may read it in Portuguese.
export const DEMO_PAGE = {
  name: "Blip",
  url: "http://localhost:8787",
  timeZone: "America/Sao_Paulo",
  settings: { locale: "en", locales: ["en", "pt-BR"] },
};

// Uptime counts from this date; the demo's components existed long before the demo was loaded.
export const DEMO_START_DATE = "2021-01-01";

export const DEMO_COMPONENTS: { name: string; description: string; group?: string }[] = [
  { name: "Desk", description: "Blip Desk: human attendance, tickets and their distribution" },
  { name: "CRM", description: "Contacts and customer data", group: "Take Blip Platform" },
  { name: "Core", description: "Message exchange for smart contacts", group: "Take Blip Platform" },
  { name: "Analytics", description: "Reports and dashboards", group: "Take Blip Platform" },
  { name: "Artificial Intelligence", description: "Natural language models", group: "Take Blip Platform" },
  { name: "Portal", description: "Blip Portal: building and managing smart contacts", group: "Take Blip Platform" },
  { name: "Cloud Infrastructure", description: "Servers, network and storage", group: "Take Blip Platform" },
];

export const DEMO_GROUP = { name: "Take Blip Platform", description: "The Blip platform's services" };

export interface DemoUpdate {
  status: IncidentStatus;
  at: string;
  body: string;
  components?: { name: string; status: ComponentStatus }[];
}

export interface DemoIncident {
  name: string;
  startedAt: string;
  impact?: Impact;
  updates: DemoUpdate[];
  postmortem: { at: string; body: string };
}

const PLATFORM = ["CRM", "Core", "Analytics", "Artificial Intelligence", "Portal", "Cloud Infrastructure"];

export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    name: "Degraded performance on the BLiP",
    startedAt: "2021-09-13T11:12:00-03:00",
    updates: [
      {
        status: "investigating",
        at: "2021-09-13T11:22:00-03:00",
        body: "We are suffering a degradation in the performance of the BLiP platform, our technical team is already working on the case.",
        components: PLATFORM.map((name) => ({ name, status: "degraded_performance" })),
      },
      {
        status: "identified",
        at: "2021-09-13T12:20:00-03:00",
        body: [
          "**Fault identified:**",
          "Unfortunately, even after the emergency actions that were carried out this last Saturday (11/09/2021), we again recorded impacts on customers as a result of disconnection from our Cache service.",
          "",
          "**Palliative correction:**",
          "Some interventions were carried out in the services, so that the scenario was normalized and we are following the environment.",
          "",
          "Start date/time: 11:12 AM  ",
          "End date/time: 11:40 AM",
          "",
          "**Actions in progress:**",
          "We keep our engineering team in the crisis room already raising new corrective actions.",
        ].join("\n"),
      },
      // The report publishes no resolving update; the incident was resolved when the fix above was reported.
      { status: "resolved", at: "2021-09-13T12:20:00-03:00", body: "This incident has been resolved." },
    ],
    postmortem: {
      at: "2021-09-21T14:34:00-03:00",
      body: [
        "Hi blipper! On 15/09/2021, Wednesday, we faced an unavailability on Blip that affected the operation of many Smart Contacts.",
        "",
        "To be transparent with you, Blip user, we are writing to tell you what happened.",
        "",
        "### What happened",
        "An automatic unscheduled date change for 2022 has been identified on one our Take Blip server, causing an interruption in the exchange of messages from our smart contacts.",
        "",
        "### How this issue impact you",
        "Because of this failure, our Blip Portal functionalities faced problems to access and also Blip Desk faced problems to open and distribute tickets.",
        "",
        "In the name of Take Blip, I want to say sorry for any problems caused to you, your company and your customers.",
        "",
        "### What we do to solve it",
        "As soon as the problem was identified at 10:50 am - 3UTC, our team acted quickly to prevent our community from being more affected. We took actions to isolate the divergent server and made interventions in other servers, equalizing the date information and thus, normalizing the operation of our platform around 12:30 pm - 3UTC.",
        "",
        "Later, around 2:20 pm - 3UTC, as a repercussion of the scenario reported above, we observed an impact on the tickets’ distribution. This happened because the agents' statuses were still dated 2022. Once again, our team acted immediately by intervening in the services responsible for distributing tickets and correcting agents' status actions with the date 2022, reestablishing the service flow normalizing the operation around 15:20h pm -3UTC.",
        "",
        "### Where we are now",
        "The Blip Portal and Blip Desk is working again, and our technical team is following up action to map the root cause. In addition, we have internal actions to prevent events like that again as:",
        "",
        "- Investigation to identify how the date was automatically changed on that server;",
        "- Adjustments in databases that were registered with the year 2022 date information",
        "",
        "You can check this history and all other Blip features status on our Status Page.",
        "",
        "We also want to say thank you for your patience and remind you that we are always here to help you in any need. Just open a request on our Support or create a new topic on Blip Forum, the exclusive space to the whole users' community.",
      ].join("\n"),
    },
  },
  {
    name: "Desk and Portal inaccessible",
    // The published duration (5h 23m, resolved 15:08 UTC) puts the start of impact at 09:45 UTC.
    startedAt: "2024-11-14T09:45:00Z",
    updates: [
      {
        status: "investigating",
        at: "2024-11-14T11:56:00Z",
        body: "We are currently experiencing low performance on Blip Portal. Impact: Slowness when using Blip Portal. Update: Our support team is actively working on it.",
        components: [{ name: "Portal", status: "degraded_performance" }],
      },
      { status: "investigating", at: "2024-11-14T11:57:00Z", body: "We are continuing to investigate this issue." },
      {
        status: "investigating",
        at: "2024-11-14T12:07:00Z",
        body: "Incident Summary: The Desk and Portal are inaccessible for some customers. Impact Analysis: In short, the Portal presents a completely gray screen for some users and the Desk displays the Blip icon loading page (which keeps loading indefinitely). Current status: Our technical experts are gathered in a war room investigating the scenario with full focus. We are validating the integrations that are part of the redirection process for user login. As soon as we have new information, we will keep everyone updated.",
        components: [
          { name: "Desk", status: "partial_outage" },
          { name: "Portal", status: "partial_outage" },
        ],
      },
      {
        status: "identified",
        at: "2024-11-14T13:38:00Z",
        body: "Incident Summary: The Desk and Portal are inaccessible for some customers. Impact Analysis: In short, the Portal presents a completely gray screen for some users and the Desk displays the Blip icon loading page (which keeps loading indefinitely). Current status: Our technical experts are gathered in a war room investigating the scenario with full focus. The analysis revealed that the failure was due to a failure in our supplier that controls and releases resources on the Blip platform. We opened a ticket with them and requested priority service. At the same time, we found a workaround in our network infrastructure to mitigate the problem and have already received positive feedback from some customers that this action resolved the problem for them. Given this validation, we are currently implementing the same solution for other customers.",
      },
      {
        status: "monitoring",
        at: "2024-11-14T14:25:00Z",
        body: "Mitigation Measures: We applied a workaround to our network infrastructure to mitigate the issue for all customers and received positive feedback from them that the platform is back to normal. Given this feedback, we monitor the environment to make sure it remains stable.",
      },
      {
        status: "resolved",
        at: "2024-11-14T15:08:00Z",
        body: "The workaround in our environment has restored the functionality and usability of our platform.",
      },
    ],
    postmortem: {
      at: "2024-11-14T15:11:00Z",
      body: "**Start Time:** 14/11/2024 ~05:21 \\(GMT-3\\) **End Time:** 14/11/2024 ~11:35 \\(GMT-3\\) **Incident Summary:** The Desk and Portal are inaccessible for some customers. **Impact Analysis:** In short, the Portal presents a completely gray screen for some users and the Desk displays the Blip icon loading page \\(which keeps loading indefinitely\\). **Mitigation Measures:** We applied a workaround to our network infrastructure to mitigate the issue for all customers and received positive feedback from them that the platform is back to normal. **Root Cause Analysis:** In the face of the normalization of the environment, we classify the incident as resolved and now enter the root cause analysis stage. This process will be conducted internally, as quickly as the situation requires, and will be published here on the status page as soon as possible. If you have any questions or need additional clarification, we recommend that you contact the CSM of your account for support.",
    },
  },
];

/** Update texts in the style of the seed incident's, offered by the console when posting. */
export const DEMO_TEMPLATES: { kind: "incident" | "maintenance"; name: string; status: string; body: string }[] = [
  {
    kind: "incident",
    name: "Investigating: slowness",
    status: "investigating",
    body: "We are currently experiencing low performance on <product>. Impact: <what customers notice>. Update: Our support team is actively working on it.",
  },
  { kind: "incident", name: "Still investigating", status: "investigating", body: "We are continuing to investigate this issue." },
  {
    kind: "incident",
    name: "Identified: supplier",
    status: "identified",
    body: "Incident Summary: <what is broken, for whom>. Current status: The analysis revealed that the failure was due to <cause>. We are implementing <workaround> and will keep everyone updated.",
  },
  {
    kind: "incident",
    name: "Monitoring after a workaround",
    status: "monitoring",
    body: "Mitigation Measures: We applied a workaround to mitigate the issue for all customers. We are monitoring the environment to make sure it remains stable.",
  },
  {
    kind: "incident",
    name: "Resolved",
    status: "resolved",
    body: "The workaround in our environment has restored the functionality and usability of our platform.",
  },
  {
    kind: "maintenance",
    name: "Maintenance started",
    status: "in_progress",
    body: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
  },
  { kind: "maintenance", name: "Maintenance completed", status: "completed", body: "The scheduled maintenance has been completed." },
];
