import { afterAll } from "vitest";
import { killLeftoverServers } from "./spawn-server";

// Vitest setup file: runs in each test file's worker.
afterAll(killLeftoverServers);
