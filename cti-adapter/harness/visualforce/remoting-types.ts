/** Event passed to a Visualforce remoting callback (Visualforce Developer Guide, "JavaScript Remoting"). */
export interface RemotingEvent {
  status: boolean;
  type: 'rpc' | 'exception';
  statusCode: number;
  message?: string;
  action: string;
  method: string;
  result?: unknown;
  tid: number;
  ref: boolean;
  where: string;
}

/** What the harness's `/apexremote` endpoint answers. */
export type ApexRemoteResponse =
  { type: 'rpc'; tid: number; result: unknown } | { type: 'exception'; tid: number; message: string; where: string };
