/**
 * The built-in commands, listed explicitly (no registration by import side effects).
 * Each entry adds one verb (with its sub-commands) to the program.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerDiscover } from './discover.js';
import { registerProtect } from './protect.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerDiscover, registerProtect];
