// @jupyterlab/services' KernelConnection with no server, as VS Code's Jupyter extension drives a
// local kernel: the WebSocket-shaped ZeroMQ adapter carries the messages, and the launcher stands
// where Jupyter Server's REST API would (interrupt, restart, the kernel's model).
import { randomUUID } from "node:crypto";
import { Kernel, KernelConnection, ServerConnection } from "@jupyterlab/services";
import type { LocalKernel } from "./local-kernel";
import { passThroughSerializer, zmqWebSocketClass } from "./zmq-websocket";

/** The part of services' REST client a KernelConnection calls, answered by the launcher. */
function launcherApi(kernel: LocalKernel, model: Kernel.IModel, serverSettings: ServerConnection.ISettings): Kernel.IKernelAPIClient {
  const noServer = (what: string) => () => Promise.reject(new Error(`${what}: there is no server on VS Code's local path`));
  return {
    serverSettings,
    listRunning: () => Promise.resolve([model]),
    getModel: () => Promise.resolve(model),
    startNew: noServer("startNew"),
    interrupt: () => kernel.interrupt(),
    restart: () => kernel.restart(),
    shutdown: () => kernel.stop(),
  };
}

export function rawKernelConnection(kernel: LocalKernel): Kernel.IKernelConnection {
  // No request ever goes to these URLs: the socket is ZeroMQ and the REST calls go to the launcher.
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: "http://local-kernel.invalid/",
    wsUrl: "ws://local-kernel.invalid/",
    appendToken: false,
    WebSocket: zmqWebSocketClass(kernel.connection),
    serializer: passThroughSerializer,
  });
  const model: Kernel.IModel = { id: randomUUID(), name: "tsloop" };
  return new KernelConnection({ model, serverSettings, kernelAPIClient: launcherApi(kernel, model, serverSettings), handleComms: true });
}
