import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers the OpenAPI document", async () => {
  const res = await exports.default.fetch("http://status.test/api/openapi.json");
  expect(res.status).toBe(200);
  expect(env.ADMIN_TOKEN).toBe("test-admin-token");
});
