export const feed = {
  title: (page: string) => `${page} status history`,
  description: (page: string) => `Incidents and scheduled maintenance of ${page}`,
  /** A further update that keeps the status. */
  update: "Update",
};
