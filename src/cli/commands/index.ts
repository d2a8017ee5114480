/**
 * The built-in commands, listed explicitly (no registration by import side effects).
 * Each entry adds one verb (with its sub-commands) to the program. One import and one entry per line.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerDemo } from './demo.js';
import { registerDetect } from './detect.js';
import { registerComply } from './comply.js';
import { registerDiscover } from './discover.js';
import { registerInventory } from './inventory.js';
import { registerLint } from './lint.js';
import { registerProtect } from './protect.js';
import { registerTest } from './test.js';
import { registerThreats } from './threats.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerInventory,
  registerDiscover,
  registerLint,
  registerComply,
  registerTest,
  registerProtect,
  registerDemo,
  registerDetect,
  registerThreats,
];
