// One-off requests on a fresh connection each (no keep-alive): a pooled socket the server has
// already closed would otherwise fail a request now and then ("other side closed").
import http from "node:http";

/** Resolves to { status, headers, body: Buffer }. */
export function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
