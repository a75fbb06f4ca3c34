import { apiRoute } from "@/lib/http/api";
import { createProductApi, listProductsApi } from "@/lib/samples/openapi";
import { createProduct, listProducts } from "@/lib/samples/service";

export const GET = apiRoute(listProductsApi, async ({ caller, query }) =>
  Response.json(await listProducts(caller.ctx, query)),
);

export const POST = apiRoute(createProductApi, async ({ caller, body }) =>
  Response.json(await createProduct(caller.ctx, body), { status: 201 }),
);
