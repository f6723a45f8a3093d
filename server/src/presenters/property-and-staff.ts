import type { PropertyDto } from "@contract/properties";
import type { StaffDto } from "@contract/staff";
import type { Property } from "@server/domain/properties/list-properties";
import type { StaffWithProperties } from "@server/domain/staff/list-staff";

export function presentProperty(p: Property): PropertyDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    timezone: p.timezone,
    whatsappNumber: p.whatsappNumber,
    assignmentPolicy: p.assignmentPolicy,
    isDefault: p.isDefault,
    mediaRetentionDays: p.mediaRetentionDays,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentStaff(s: StaffWithProperties): StaffDto {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    role: s.role,
    propertyIds: s.propertyIds,
    isActive: s.isActive,
    isAvailable: s.isAvailable,
    maxOpenThreads: s.maxOpenThreads,
    createdAt: s.createdAt.toISOString(),
  };
}
