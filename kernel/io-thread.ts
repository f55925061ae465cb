// The io thread's entry (a worker): its sockets (transport), the session's off-main handlers for
// the control requests that must answer while the main thread is blocked, and the interrupt
// path's io-thread half. Every other control request goes to the main thread's session.
import { flushCompileCache } from "./compile-cache"; // first: a worker has its own module loader, and the cache applies to what loads after it
import { DebugAdapter } from "../src/debugger/adapter";
import type { DapRequest } from "../src/debugger/dap";
import { MainThreadStopper } from "../src/interrupt/interrupt";
import { BEFORE_TERMINATE } from "../src/interrupt/inspector-stop";
import { MessageFactory } from "../src/protocol/messages";
import type { RequestContext } from "../src/session/context";
import { dispatchRequest } from "../src/session/dispatch";
import { routeOf } from "../src/session/requests";
import { IoThread } from "../src/transport/io-thread";
import type { Envelope } from "../src/protocol/message";
import { log } from "../src/log";
import { watchParent } from "./parent-watch";

flushCompileCache(); // every module of this thread is loaded by now
const io = new IoThread();
const stopper = new MainThreadStopper(io.config.interrupts);
const messages = new MessageFactory(io.config.identity);
/** The debug_request that events follow (DAP events have no request of their own). */
let lastDebugRequest: Envelope | undefined;
const debuggerAdapter = new DebugAdapter({ event: (event) => io.publish(messages.debugEvent(lastDebugRequest, { ...event })) });

async function shutdown(restart: boolean): Promise<void> {
  await debuggerAdapter.detach(); // a main thread paused at a breakpoint goes on, to shut down
  io.tell({ kind: "shutdown", restart });
  io.cancelSyncInput();
  void stopper.stopIfBlocked();
  io.killAfterGrace();
}

const ctx: RequestContext = {
  messages,
  kernel: {
    info: () => io.config.interpreterInfo,
    interrupt() {
      io.tell({ kind: "interrupt", cell: stopper.runningCell });
      io.cancelSyncInput(); // a cell blocked in prompt() wakes and raises KeyboardInterrupt
      if (!debuggerAdapter.isPaused) return void stopper.stopIfBlocked();
      stopper.markRunningTerminated(); // paused at a breakpoint: the cell ends with KeyboardInterrupt
      void debuggerAdapter.terminatePaused(BEFORE_TERMINATE);
    },
    shutdown: (restart) => void shutdown(restart),
    debug(request) {
      lastDebugRequest = request;
      return debuggerAdapter.handle(request.content as unknown as DapRequest);
    },
  },
  publish: (message) => io.publish(message),
  flush: () => undefined, // this thread hands each message to its socket at once
  reply: (_channel, request, message) => io.replyOnControl(request, message),
};

function onControl(request: Envelope): void {
  const route = routeOf(request.header.msg_type);
  if (!route?.offMain) return io.tell({ kind: "control", envelope: request }); // the main thread's session answers
  void dispatchRequest(request, "control", ctx, { fields: route.fields, run: (r) => route.handle(r, ctx, "control") });
}

void io.start(onControl);
watchParent(process.env, (why) => {
  log(`${why}: shutting down`);
  void shutdown(false);
});
