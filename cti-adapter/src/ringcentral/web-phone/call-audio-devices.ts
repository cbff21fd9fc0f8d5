import type { RtcEnvironment, WebRtcSessionLike } from './browser-webrtc-session';

/** The devices browser calls use: `deviceId`s of this browser, `null` = the system default. @public */
export interface CallDeviceChoice {
  readonly microphoneId: string | null;
  readonly speakerId: string | null;
}

/**
 * The microphone and speaker of the web phone's calls. New calls get them through {@link CallAudioDevices.environment}
 * (the media seam's `getUserMedia` and remote-audio element: `audio: {deviceId: {exact}}`, W3C Media Capture and
 * Streams; `HTMLMediaElement.setSinkId`, W3C Audio Output Devices API); live calls switch at once
 * ({@link CallAudioDevices.use}: `changeInputDevice` replaces the sent track without renegotiation,
 * `changeOutputDevice` moves the far end's voice). A chosen microphone the browser cannot open (unplugged meanwhile)
 * gives way to the system default: the call goes on, and the engine's device check tells the agent.
 * @public
 */
export class CallAudioDevices {
  private choice: CallDeviceChoice = { microphoneId: null, speakerId: null };
  private readonly sessions = new Set<WebRtcSessionLike>();

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  get current(): CallDeviceChoice {
    return this.choice;
  }

  /** `base` with the chosen devices: what new calls open and play on. */
  environment(base: RtcEnvironment): RtcEnvironment {
    return {
      createPeerConnection: (config) => base.createPeerConnection(config),
      getUserMedia: async (constraints) => {
        const id = this.choice.microphoneId;
        if (id === null || constraints.audio !== true) return base.getUserMedia(constraints);
        try {
          return await base.getUserMedia({ ...constraints, audio: { deviceId: { exact: id } } });
        } catch {
          return base.getUserMedia(constraints);
        }
      },
      createAudioElement: () => {
        const element = base.createAudioElement();
        const id = this.choice.speakerId;
        if (element && id !== null) void sinkTo(element, id).catch((error: unknown) => this.onError(error));
        return element;
      },
    };
  }

  /** Follows a call's media until it is disposed, so a device change reaches it. Returns the session. */
  track<T extends WebRtcSessionLike>(session: T): T {
    this.sessions.add(session);
    const dispose = session.dispose.bind(session);
    session.dispose = () => {
      this.sessions.delete(session);
      dispose();
    };
    return session;
  }

  /** Uses `choice` for new calls and moves the live ones (`''` = the system default). Never rejects. */
  async use(choice: CallDeviceChoice): Promise<void> {
    const previous = this.choice;
    this.choice = { microphoneId: choice.microphoneId, speakerId: choice.speakerId };
    const moves: Promise<void>[] = [];
    for (const session of this.sessions) {
      if (previous.microphoneId !== choice.microphoneId)
        moves.push(session.changeInputDevice(choice.microphoneId ?? ''));
      if (previous.speakerId !== choice.speakerId) moves.push(session.changeOutputDevice(choice.speakerId ?? ''));
    }
    for (const outcome of await Promise.allSettled(moves))
      if (outcome.status === 'rejected') this.onError(outcome.reason);
  }
}

/** `element.setSinkId(id)` where the browser has it, else nothing. */
export async function sinkTo(element: HTMLMediaElement, deviceId: string): Promise<void> {
  const sinkable = element as HTMLMediaElement & { setSinkId?(id: string): Promise<void> };
  await sinkable.setSinkId?.(deviceId);
}
