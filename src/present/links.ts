export type EventKind = "incident" | "maintenance";

/** The URL path segment of each kind of event page: /incidents/{id}, /maintenances/{id}. */
export const EVENT_SEGMENT: Record<EventKind, string> = { incident: "incidents", maintenance: "maintenances" };

/** The path of an event's own page on the status page. */
export const eventPath = (kind: EventKind, id: string) => `/${EVENT_SEGMENT[kind]}/${id}`;
