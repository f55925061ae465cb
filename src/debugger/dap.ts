// The Debug Adapter Protocol's shapes, as far as the debugger uses them (the content of
// debug_request, debug_reply and debug_event).
export interface DapRequest {
  seq: number;
  type: "request";
  command: string;
  arguments?: Record<string, unknown>;
}

export interface DapResponse {
  seq: number;
  type: "response";
  request_seq: number;
  success: boolean;
  command: string;
  message?: string;
  body: object;
}

export interface DapEvent {
  seq: number;
  type: "event";
  event: string;
  body: object;
}

export interface DapVariable {
  name: string;
  value: string;
  type: string;
  variablesReference: number;
  evaluateName?: string;
}

/** A failed request's answer: its message names what went wrong. */
export class DapError extends Error {}
