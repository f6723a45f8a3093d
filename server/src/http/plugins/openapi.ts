import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { App } from "@server/http/app";
import { packageVersion } from "@server/project-path";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/**
 * The OpenAPI document, generated from the zod route schemas, at /api/docs/json, with a browsable UI
 * at /api/docs. Must be registered before the routes it documents.
 */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "commhub API",
        version: packageVersion(),
        description: "WhatsApp, SMS, email and calls of hotel guests in one inbox, through Gupshup.",
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "An API key: `Authorization: Bearer chk_…`",
          },
          session: { type: "apiKey", in: "cookie", name: "commhub_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
}
