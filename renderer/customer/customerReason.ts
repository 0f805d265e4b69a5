// The customer's reason lives in the core's common code (app/common/customerReason.ts): the core
// puts it in the CustomerView it pushes, and the cashier's page reduces its own sale the same way.
export { CUSTOMER_REASONS, customerReason, isCustomerReason, type CustomerReason } from '../../app/common/customerReason.ts';
