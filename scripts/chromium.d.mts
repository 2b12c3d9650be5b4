// Types for scripts/chromium.mjs (plain JS so benchmarks can import it too).
export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
