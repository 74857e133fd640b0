// product.edit: when the product is active and in stock again, every waiting back-in-stock sign-up gets its SMS.
// The jobs are created and batched here (one SMSAPI request per 100 numbers), so the plan handed back is empty.
import { notifyBackInStock } from '../back-in-stock';
import type { PlannerFor } from './types';

export const planProductEdit: PlannerFor<'product.edit'> = async ({ deps, message, ctx }) => {
  await notifyBackInStock(deps, ctx, message.product);
  return { jobs: [], skipped: [] };
};

/** A long restock's next page (BACK_IN_STOCK_PAGE_EVENT): the same planning, from the number where the last run stopped. */
export const planBackInStockPage: PlannerFor<'app.back-in-stock-page'> = async ({ deps, message, ctx }) => {
  const { product, after, page } = message.payload;
  await notifyBackInStock(deps, ctx, product, { after, page });
  return { jobs: [], skipped: [] };
};
