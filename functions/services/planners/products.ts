// product.edit: when the product is active and in stock again, every waiting back-in-stock sign-up gets its SMS.
// The jobs are created and batched here (one SMSAPI request per 100 numbers), so the plan handed back is empty.
import { BackInStockPage, notifyBackInStock, parseProduct } from '../back-in-stock';
import { PayloadInvalid, type EventPlanner } from './types';

export const planProductEdit: EventPlanner = async ({ deps, message, ctx }) => {
  const product = parseProduct(message.payload);
  if (!product) throw new PayloadInvalid('product_id', 'product_id is required');
  await notifyBackInStock(deps, ctx, product);
  return { jobs: [], skipped: [] };
};

/** A long restock's next page (BACK_IN_STOCK_PAGE_EVENT): the same planning, from the number where the last run stopped. */
export const planBackInStockPage: EventPlanner = async ({ deps, message, ctx }) => {
  const task = BackInStockPage.safeParse(message.payload);
  if (!task.success) throw new PayloadInvalid(String(task.error.issues[0]?.path[0] ?? 'payload'), 'back-in-stock page not understood');
  const { product, after, page } = task.data;
  await notifyBackInStock(deps, ctx, product, { after, page });
  return { jobs: [], skipped: [] };
};
