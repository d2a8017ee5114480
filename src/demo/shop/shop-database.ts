/**
 * The demo shop's data: an in-memory SQLite database (users, products, orders, reviews) seeded with the same
 * accounts and catalogue on every start. The hardened mode queries with bound parameters; the vulnerable login
 * and search build SQL by string concatenation on purpose (SQL injection). A MySQL-compatible `sleep(seconds)`
 * function is registered so time-based SQL injection can be shown on SQLite (at most 10 s per call).
 */
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  balance: number;
  password_hash: string;
  api_key: string;
  avatar_url: string | null;
  failed_logins: number;
  locked_until: number;
}

export interface ProductRow {
  id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
}

export interface OrderRow {
  id: number;
  user_id: number;
  product_id: number;
  quantity: number;
  price: number;
  total: number;
  status: string;
  address: string;
}

/** The seeded accounts (demo passwords, never used anywhere else). */
export const SHOP_ACCOUNTS = [
  { email: 'admin@shop.example', password: 'admin-demo-pass', name: 'Shop Admin', role: 'admin' },
  { email: 'alice@shop.example', password: 'alice-demo-pass', name: 'Alice Example', role: 'customer' },
  { email: 'bob@shop.example', password: 'bob-demo-pass', name: 'Bob Example', role: 'customer' },
  { email: 'carol@shop.example', password: 'carol-demo-pass', name: 'Carol Example', role: 'customer' },
] as const;

const PEPPER = 'rampart-demo-shop';
const PRODUCT_COUNT = 250;
const ADJECTIVES = ['Blue', 'Red', 'Green', 'Steel', 'Tiny', 'Giant', 'Smart', 'Classic', 'Quiet', 'Rapid'];
const NOUNS = ['Widget', 'Gadget', 'Lamp', 'Kettle', 'Backpack', 'Notebook', 'Speaker', 'Chair', 'Mug', 'Charger'];

export function hashPassword(password: string): string {
  return createHmac('sha256', PEPPER).update(password).digest('hex');
}

export type ShopDatabase = Database.Database;

export function openShopDatabase(): ShopDatabase {
  const db = new Database(':memory:');
  db.function('sleep', { deterministic: false }, (seconds: unknown) => {
    const s = Math.min(Math.max(Number(seconds) || 0, 0), 10);
    if (s > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, s * 1000);
    return 0;
  });
  db.exec(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
      balance REAL NOT NULL DEFAULT 0, password_hash TEXT NOT NULL, api_key TEXT NOT NULL, avatar_url TEXT,
      failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, price REAL NOT NULL, stock INTEGER NOT NULL);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL,
      price REAL NOT NULL, total REAL NOT NULL, status TEXT NOT NULL, address TEXT NOT NULL);
    CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, user_id INTEGER NOT NULL, rating INTEGER NOT NULL, text TEXT NOT NULL);
  `);
  const addUser = db.prepare('INSERT INTO users (email, name, role, balance, password_hash, api_key) VALUES (?, ?, ?, ?, ?, ?)');
  SHOP_ACCOUNTS.forEach((a, i) => addUser.run(a.email, a.name, a.role, 100 * i, hashPassword(a.password), `sk_demo_${hashPassword(a.email).slice(0, 24)}`));
  const addProduct = db.prepare('INSERT INTO products (name, description, price, stock) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < PRODUCT_COUNT; i++) {
    const name = `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length]} ${Math.floor(i / 100) + 1}`;
    addProduct.run(name, `A fine ${name.toLowerCase()}.`, Math.round((5 + ((i * 37) % 200) + 0.99) * 100) / 100, (i * 13) % 50);
  }
  const addOrder = db.prepare('INSERT INTO orders (user_id, product_id, quantity, price, total, status, address) VALUES (?, ?, ?, ?, ?, ?, ?)');
  addOrder.run(2, 3, 1, 9.99, 9.99, 'shipped', '12 Alice Road, Springfield');
  addOrder.run(3, 5, 2, 19.99, 39.98, 'paid', '34 Bob Avenue, Shelbyville');
  addOrder.run(4, 7, 1, 29.99, 29.99, 'pending', '56 Carol Lane, Ogdenville');
  return db;
}
