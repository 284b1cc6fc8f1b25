/** The delivery that carries a confirmation mail (or "already subscribed"): its id names the request it answers. */
export function confirmationDelivery(pageId: string, subscriberId: string, now: number) {
  return { id: `confirm-${subscriberId}-${now}`, pageId, subscriberId, notificationId: null, kind: "confirmation" as const, createdAt: now };
}
