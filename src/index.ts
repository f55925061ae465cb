// The `tsloop` module a cell may import with types: the asyncio-like coroutine layer, the display
// API, input, comms and widgets. In a cell `import { asyncio, display } from "tsloop"` gives the kernel's own
// instances (the same objects as the globals). Importing it has no side effects.
export * from "./coroutines";
export { clearOutput, display, type DisplayHandle, type DisplayOptions } from "./display/display";
export type { MimeBundle } from "./display/mime-bundle";
export { alert, confirm, getpass, input, prompt } from "./io/input";
export { Comm, comms, type BufferLike, type CommMessage, type CommsApi, type TargetHandler } from "./comms";
export * as widgets from "./widgets";
