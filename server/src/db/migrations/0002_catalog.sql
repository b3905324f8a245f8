-- Catalog: categories, products and their SKUs, with prices in fen and optional commission overrides.
-- Rates are basis points (1% = 100 bp); a SKU overrides a tier with a rate or a fixed amount, never both.
-- Business timestamps are always written by the application's clock (tests move it), never by now().

CREATE TABLE categories (
  id                bigserial PRIMARY KEY,
  name              text NOT NULL UNIQUE,
  commission_l1_bp  integer CHECK (commission_l1_bp BETWEEN 0 AND 10000),
  commission_l2_bp  integer CHECK (commission_l2_bp BETWEEN 0 AND 10000),
  created_at        timestamptz NOT NULL
);

CREATE TABLE products (
  id           bigserial PRIMARY KEY,
  category_id  bigint NOT NULL REFERENCES categories(id),
  name         text NOT NULL,
  description  text,
  hot          boolean NOT NULL DEFAULT false,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX products_category_idx ON products (category_id, id);

-- `code` is what clients and orders name a SKU by ('TEA-GIFT-500G'); it never changes once made.
CREATE TABLE skus (
  id                       bigserial PRIMARY KEY,
  product_id               bigint NOT NULL REFERENCES products(id),
  code                     text NOT NULL,
  name                     text NOT NULL,
  price_fen                bigint NOT NULL CHECK (price_fen > 0),
  active                   boolean NOT NULL DEFAULT true,
  commission_l1_bp         integer CHECK (commission_l1_bp BETWEEN 0 AND 10000),
  commission_l2_bp         integer CHECK (commission_l2_bp BETWEEN 0 AND 10000),
  commission_l1_fixed_fen  bigint CHECK (commission_l1_fixed_fen >= 0),
  commission_l2_fixed_fen  bigint CHECK (commission_l2_fixed_fen >= 0),
  created_at               timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL,
  CONSTRAINT skus_code_key UNIQUE (code),
  CONSTRAINT skus_l1_rate_or_fixed CHECK (commission_l1_bp IS NULL OR commission_l1_fixed_fen IS NULL),
  CONSTRAINT skus_l2_rate_or_fixed CHECK (commission_l2_bp IS NULL OR commission_l2_fixed_fen IS NULL)
);
CREATE INDEX skus_product_idx ON skus (product_id, id);
