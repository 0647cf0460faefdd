import type {
  Customer,
  DeleteCustomersResponse,
  NewCustomerRequest,
  UpdateCustomerRequest,
} from '../schemas/customers.js';
import { CustomerListSchema, CustomerSchema, DeleteCustomersResponseSchema } from '../schemas/customers.js';
import type { CallOptions, Transport } from '../transport.js';

export interface CustomersResource {
  create(body: NewCustomerRequest, options?: CallOptions): Promise<Customer>;
  info(endUserId: string, options?: CallOptions): Promise<Customer>;
  list(options?: CallOptions): Promise<Customer[]>;
  update(body: UpdateCustomerRequest, options?: CallOptions): Promise<Customer>;
  delete(userIds: string[], options?: CallOptions): Promise<DeleteCustomersResponse>;
}

export function createCustomersResource(transport: Transport): CustomersResource {
  return {
    /** POST /customer/new */
    create: (body: NewCustomerRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/customer/new', body }, CustomerSchema, options),
    /** GET /customer/info?end_user_id= */
    info: (endUserId: string, options?: CallOptions) =>
      transport.call(
        { method: 'GET', path: '/customer/info', query: { end_user_id: endUserId } },
        CustomerSchema,
        options,
      ),
    /** GET /customer/list */
    list: (options?: CallOptions) =>
      transport.call({ method: 'GET', path: '/customer/list' }, CustomerListSchema, options),
    /** POST /customer/update */
    update: (body: UpdateCustomerRequest, options?: CallOptions) =>
      transport.call({ method: 'POST', path: '/customer/update', body }, CustomerSchema, options),
    /** POST /customer/delete { user_ids } */
    delete: (userIds: string[], options?: CallOptions) =>
      transport.call(
        { method: 'POST', path: '/customer/delete', body: { user_ids: userIds } },
        DeleteCustomersResponseSchema,
        options,
      ),
  };
}
