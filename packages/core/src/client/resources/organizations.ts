import type {
  NewOrganizationRequest,
  Organization,
  OrganizationListParams,
  UpdateOrganizationRequest,
} from '../schemas/organizations.js';
import { OrganizationListSchema, OrganizationSchema } from '../schemas/organizations.js';
import type { CallOptions, Transport } from '../transport.js';

export interface OrganizationsResource {
  create(body: NewOrganizationRequest, options?: CallOptions): Promise<Organization>;
  info(organizationId: string, options?: CallOptions): Promise<Organization>;
  list(params?: OrganizationListParams, options?: CallOptions): Promise<Organization[]>;
  update(body: UpdateOrganizationRequest, options?: CallOptions): Promise<Organization>;
  delete(organizationIds: string[], options?: CallOptions): Promise<Organization[]>;
}

export function createOrganizationsResource(transport: Transport): OrganizationsResource {
  return {
    /** POST /organization/new */
    create: (body: NewOrganizationRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/organization/new', body }, OrganizationSchema, options),
    /** GET /organization/info?organization_id= */
    info: (organizationId: string, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/organization/info', query: { organization_id: organizationId } },
        OrganizationSchema,
        options,
      ),
    /** GET /organization/list */
    list: (params: OrganizationListParams = {}, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/organization/list', query: params },
        OrganizationListSchema,
        options,
      ),
    /** PATCH /organization/update */
    update: (body: UpdateOrganizationRequest, options?: CallOptions) =>
      transport.call({ method: 'PATCH', path: '/organization/update', body }, OrganizationSchema, options),
    /** DELETE /organization/delete { organization_ids } (JSON body). */
    delete: (organizationIds: string[], options?: CallOptions) =>
      transport.call(
        { method: 'DELETE', path: '/organization/delete', body: { organization_ids: organizationIds } },
        OrganizationListSchema,
        options,
      ),
  };
}
