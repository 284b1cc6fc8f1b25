import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./api-error";

/** Bodies counted as they are read, with or without Content-Length (a chunked body too): over `maxBytes`, 413 in the error envelope. */
export const jsonBodyLimit = (maxBytes: number, what = "Request bodies") =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `${what} are limited to ${maxBytes / 1024} KB.`, [{ field: "body", message: "Too large." }]);
    },
  });
