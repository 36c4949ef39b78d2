import { z } from 'zod';

export const MAX_PRICE_CENTS = 10_000_000;

/** Lower-case words joined by dashes, from any name: "Trail Lamp 2" -> "trail-lamp-2". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by dashes')
  .max(80);

/** The rules every product field follows, on create and on update alike. */
export const productFields = {
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'must be 1 to 40 letters, digits and dashes'),
  slug,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(5_000),
  price: z.number().int('must be whole minor units (cents)').min(0, 'must not be negative').max(MAX_PRICE_CENTS, 'must be at most 10,000,000 cents'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as USD'),
  images: z
    .array(z.url({ protocol: /^https?$/ }).max(2_000))
    .max(10, 'at most 10 images')
    .refine((list) => new Set(list).size === list.length, 'each image once'),
  attributes: z
    .array(z.object({ name: z.string().trim().min(1, 'must not be empty').max(50), value: z.string().trim().min(1, 'must not be empty').max(200) }))
    .max(30, 'at most 30 attributes')
    .refine((list) => new Set(list.map((attribute) => attribute.name)).size === list.length, 'attribute names must differ'),
};

export const createProductInput = z.object({
  ...productFields,
  slug: productFields.slug.optional(),
  description: productFields.description.default(''),
  currency: productFields.currency.default('USD'),
  images: productFields.images.default([]),
  attributes: productFields.attributes.default([]),
});

export const updateProductInput = z.object(productFields).partial();

/** Attributes as the row keeps them: one value per name. */
export function attributeRecord(list: readonly { name: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(list.map((attribute) => [attribute.name, attribute.value]));
}
