import { z } from "@hono/zod-openapi";
import { errorResponses } from "../openapi/common";

export const security = [{ bearerAuth: [] }];

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { content: { "application/json": { schema } }, required },
});

type JsonResponse<S extends number, T> = { [K in S]: { description: string; content: { "application/json": { schema: T } } } };

export const jsonResponse = <S extends 200 | 201, T extends z.ZodType>(status: S, schema: T, description: string, ...errors: number[]) =>
  ({
    [status]: { description, content: { "application/json": { schema } } },
    ...errorResponses(400, 401, ...errors),
  }) as JsonResponse<S, T>;

export const noContent = (...errors: number[]) => ({
  204: { description: "Done" },
  ...errorResponses(401, ...errors),
});
