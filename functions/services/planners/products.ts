// product.edit: when the product is active and in stock again, every waiting back-in-stock sign-up gets its SMS.
// The jobs are created and batched here (one SMSAPI request per 100 numbers), so the plan handed back is empty.
import { notifyBackInStock } from '../back-in-stock';
import type { PlannerFor } from './types';

export const planProductEdit: PlannerFor<'product.edit'> = async ({ deps, message, ctx }) => {
  await notifyBackInStock(deps, ctx, message.product);
  return { jobs: [], skipped: [] };
};
