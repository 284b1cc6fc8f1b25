const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether a request may change state: what the clock guard, idempotency keys and the write limit apply to. */
export const isWriteMethod = (method: string) => WRITE_METHODS.has(method);
