import { forwarding } from '../../core/support/forwarding';
import type { SoftphoneState } from '../../core/engine/softphone-state';
import type { SoftphoneController } from '../../ui/softphone-controller';
import type { MessagesAccess } from '../../ui/messages-controller';
import { TAB_COMMANDS } from './tab-commands';

/**
 * The controller the UI is mounted with in a browser with several tabs (ADR 0028): it forwards to the current
 * controller — a follower's (commands to the owner tab) and, after a take-over, this tab's own engine — and moves
 * its subscribers to the new one, so the mounted UI renders the new controller's state without a reload.
 * @public
 */
export class SwitchController
  extends forwarding<SoftphoneController, (typeof TAB_COMMANDS)[number]>(TAB_COMMANDS)
  implements SoftphoneController
{
  private current: SoftphoneController;
  private readonly listeners = new Set<(state: SoftphoneState) => void>();
  private unsubscribe: () => void;

  constructor(initial: SoftphoneController) {
    super();
    this.current = initial;
    this.unsubscribe = this.follow(initial);
  }

  get state(): SoftphoneState {
    return this.current.state;
  }

  get messages(): MessagesAccess | undefined {
    return this.current.messages;
  }

  subscribe(listener: (state: SoftphoneState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forwards to `next` from now on and renders its state. */
  use(next: SoftphoneController): void {
    if (next === this.current) return;
    this.unsubscribe();
    this.current = next;
    this.unsubscribe = this.follow(next);
    this.emit(next.state);
  }

  protected forwardTarget(): SoftphoneController {
    return this.current;
  }

  private follow(controller: SoftphoneController): () => void {
    return controller.subscribe((state) => this.emit(state));
  }

  private emit(state: SoftphoneState): void {
    for (const listener of [...this.listeners]) listener(state);
  }
}
