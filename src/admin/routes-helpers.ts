import { z } from "@hono/zod-openapi";
import { errorResponses } from "../openapi/common";

export const security = [{ bearerAuth: [] }];

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { content: { "application/json": { schema } }, required },
});

// Every committed write says whether the public pages already show it.
const refreshHeader = z.object({
  "Edge-Status-Refresh": z.enum(["done", "pending"]).optional().openapi({
    description:
      "On writes: `done` when every public body already shows the change, `pending` when the change is saved in D1 but publishing it failed; the minute job finishes it (public pages catch up within a minute).",
  }),
});

type JsonResponse<S extends number, T> = { [K in S]: { description: string; headers: typeof refreshHeader; content: { "application/json": { schema: T } } } };

export const jsonResponse = <S extends 200 | 201, T extends z.ZodType>(status: S, schema: T, description: string, ...errors: number[]) =>
  ({
    [status]: { description, headers: refreshHeader, content: { "application/json": { schema } } },
    ...errorResponses(400, 401, ...errors),
  }) as JsonResponse<S, T>;

export const noContent = (...errors: number[]) => ({
  204: { description: "Done", headers: refreshHeader },
  ...errorResponses(401, ...errors),
});
