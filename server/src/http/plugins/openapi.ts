import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { App } from "@server/http/app";
import { markRoutesPublic } from "@server/http/plugins/authenticate";
import { packageVersion } from "@server/project-path";
import { type FastifyPluginAsyncZod, jsonSchemaTransform } from "fastify-type-provider-zod";

/**
 * The OpenAPI document, generated from the zod route schemas, at /api/docs/json, with a browsable UI
 * at /api/docs. Public on a development or simulator hub; live (production or the real Gupshup) only a
 * signed-in staff member or an API key reads it. Must be registered before the routes it documents.
 */
export async function registerOpenApi(app: App, options: { public: boolean }): Promise<void> {
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
  const docsUi: FastifyPluginAsyncZod = async (scope) => {
    markRoutesPublic(scope, options.public);
    await scope.register(swaggerUi, { routePrefix: "/api/docs" });
  };
  await app.register(docsUi);
}
