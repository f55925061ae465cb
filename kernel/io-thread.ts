// The io thread's entry (a worker): its sockets (transport), the session's off-main handlers for
// the control requests that must answer while the main thread is blocked, and the interrupt
// path's io-thread half. Every other control request goes to the main thread's session.
import { flushCompileCache } from "./compile-cache"; // first: a worker has its own module loader, and the cache applies to what loads after it
import { MainThreadStopper } from "../src/interrupt/interrupt";
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

function shutdown(restart: boolean): void {
  io.tell({ kind: "shutdown", restart });
  io.cancelSyncInput();
  void stopper.stopIfBlocked();
  io.killAfterGrace();
}

const ctx: RequestContext = {
  messages: new MessageFactory(io.config.identity),
  kernel: {
    info: () => io.config.interpreterInfo,
    interrupt() {
      io.tell({ kind: "interrupt", cell: stopper.runningCell });
      io.cancelSyncInput(); // a cell blocked in prompt() wakes and raises KeyboardInterrupt
      void stopper.stopIfBlocked();
    },
    shutdown,
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
  shutdown(false);
});
