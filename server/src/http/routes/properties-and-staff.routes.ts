import { IdParams } from "@contract/common";
import {
  CreatePropertyBody,
  PropertyListResponse,
  PropertyResponse,
  UpdatePropertyBody,
} from "@contract/properties";
import {
  CreateStaffBody,
  CreateStaffResponse,
  StaffListResponse,
  StaffResponse,
  TemporaryPasswordResponse,
  UpdateStaffBody,
} from "@contract/staff";
import type { Deps } from "@server/deps";
import { listProperties } from "@server/domain/properties/list-properties";
import { saveProperty } from "@server/domain/properties/save-property";
import { createStaff } from "@server/domain/staff/create-staff";
import { listStaff } from "@server/domain/staff/list-staff";
import { resetStaffPassword } from "@server/domain/staff/reset-staff-password";
import { saveStaff } from "@server/domain/staff/save-staff";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentProperty, presentStaff } from "@server/presenters/property-and-staff";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function propertiesAndStaffRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/api/properties", { schema: { response: { 200: PropertyListResponse } } }, async (request) => ({
      properties: (await listProperties(requestCtx(deps, request))).map(presentProperty),
    }));

    app.post(
      "/api/properties",
      { schema: { body: CreatePropertyBody, response: { 201: PropertyResponse } } },
      async (request, reply) => {
        const property = await saveProperty(requestCtx(deps, request), { values: request.body });
        return reply.code(201).send({ property: presentProperty(property) });
      },
    );

    app.patch(
      "/api/properties/:id",
      { schema: { params: IdParams, body: UpdatePropertyBody, response: { 200: PropertyResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const property = await saveProperty(ctx, { propertyId: request.params.id, values: request.body });
        return { property: presentProperty(property) };
      },
    );

    app.get("/api/staff", { schema: { response: { 200: StaffListResponse } } }, async (request) => ({
      staff: (await listStaff(requestCtx(deps, request))).map(presentStaff),
    }));

    app.post(
      "/api/staff",
      { schema: { body: CreateStaffBody, response: { 201: CreateStaffResponse } } },
      async (request, reply) => {
        const created = await createStaff(requestCtx(deps, request), request.body);
        return reply.code(201).send({ ...created, staff: presentStaff(created.staff) });
      },
    );

    app.post(
      "/api/staff/:id/password-reset",
      { schema: { params: IdParams, response: { 200: TemporaryPasswordResponse } } },
      async (request) => resetStaffPassword(requestCtx(deps, request), { staffUserId: request.params.id }),
    );

    app.patch(
      "/api/staff/:id",
      { schema: { params: IdParams, body: UpdateStaffBody, response: { 200: StaffResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        return {
          staff: presentStaff(await saveStaff(ctx, { staffUserId: request.params.id, values: request.body })),
        };
      },
    );
  };
}
