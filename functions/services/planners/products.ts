// product.edit: when the product is active and in stock again, every waiting back-in-stock sign-up gets its SMS.
// The jobs are created and batched here (one SMSAPI request per 100 numbers), so the plan handed back is empty.
import { notifyBackInStock, parseProduct } from '../back-in-stock';
import { PayloadInvalid, type EventPlanner } from './types';

export const planProductEdit: EventPlanner = async ({ deps, message, ctx }) => {
  const product = parseProduct(message.payload);
  if (!product) throw new PayloadInvalid('product_id', 'product_id is required');
  await notifyBackInStock(deps, ctx, product);
  return { jobs: [], skipped: [] };
};
